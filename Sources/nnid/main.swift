print("nnid")

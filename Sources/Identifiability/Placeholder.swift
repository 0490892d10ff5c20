import Exact

#ifndef NNID_CZLIB_SHIM_H
#define NNID_CZLIB_SHIM_H
#include <zlib.h>

/* zlib's inflateInit2 is a function-like macro, which Swift cannot import. This wrapper
   starts a raw-deflate stream (windowBits -15: no zlib or gzip wrapper), as ZIP entries use. */
static inline int nnid_inflate_init_raw(z_streamp stream) {
    return inflateInit2(stream, -15);
}
#endif

/* stitch_jit.h: the trace JIT, for programs that link it (the stitchjit
 * library). Hand it to a VM with stitch_provide_jit, then turn it on with
 * stitch_set_option(vm, "JIT", "1") or STITCH_JIT=1 (stitch_load_env). */
#ifndef STITCH_JIT_PUBLIC_H
#define STITCH_JIT_PUBLIC_H

#include "stitch.h"

#ifdef __cplusplus
extern "C" {
#endif

const StitchJit *stitch_jit(void);

#ifdef __cplusplus
}
#endif

#endif

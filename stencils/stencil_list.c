/* stencil_list.c: preprocessed (never compiled) at configure time by
 * stencils/CMakeLists.txt to learn which stencils to build: one
 * "STENCIL <name> (<flags>)" per uop and per JIT-only stencil. Frame-pushing
 * uops show the STITCH_FRAME_UOP marker and get no stencil. */
#include "stencil.h"
#undef UOPF_FRAME
#define UOPF_FRAME STITCH_FRAME_UOP
#define U(name, pops, pushes, flags) STENCIL name (flags)
UOP_LIST(U)
#define X(name) STENCIL name ()
JIT_EXTRA_STENCILS(X)

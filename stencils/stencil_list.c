/* stencil_list.c: preprocessed (never compiled) at configure time by
 * stencils/CMakeLists.txt to learn which stencils to build: one
 * "STENCIL <name> (<flags>)" per uop and per JIT-only stencil, and how
 * many cache depths each is built for. */
#include "stencil.h"
#define U(name, pops, pushes, flags) STENCIL name (flags)
UOP_LIST(U)
#define X(name) STENCIL name ()
JIT_EXTRA_STENCILS(X)
STENCIL_DEPTHS STENCIL_CACHE_DEPTHS

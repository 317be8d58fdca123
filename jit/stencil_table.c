/* stencil_table.c: the one translation unit that compiles the generated
 * stencil tables (build tree: generated/stencils.h). */
#include "stencil.h"

#include "stencils.h"

const char *const stencil_names[STENCIL_COUNT] = {
#define U(name, pops, pushes, flags) #name,
    UOP_LIST(U)
#undef U
#define X(name) #name,
    JIT_EXTRA_STENCILS(X)
#undef X
};

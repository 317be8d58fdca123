/* shim.c: jit_enter (see shim.h). Built by clang-19 alone: gcc has no
 * preserve_none. */
#include "shim.h"

/* The stencils' parameters (stencils/template.c): frame, sp, tos0, base,
 * vm, tos1, tos2. A trace is entered with nothing cached (depth 0), so the
 * three cache registers carry nothing. */
typedef __attribute__((preserve_none)) uint64_t JitCode(void *frame, uint64_t *sp, uint64_t tos0, uint64_t *base,
                                                        void *vm, uint64_t tos1, uint64_t tos2);

uint64_t jit_enter(const void *entry, void *frame, uint64_t *sp, uint64_t *base, void *vm) {
    return ((JitCode *)(uintptr_t)entry)(frame, sp, 0, base, vm, 0, 0);
}

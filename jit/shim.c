/* shim.c: jit_enter (see shim.h). Built by clang-19 alone: gcc has no
 * preserve_none. */
#include "shim.h"

typedef __attribute__((preserve_none)) uint64_t JitCode(void *frame, uint64_t *sp, uint64_t tos0, uint64_t *base, void *vm);

uint64_t jit_enter(const void *entry, void *frame, uint64_t *sp, uint64_t *base, void *vm) {
    return ((JitCode *)(uintptr_t)entry)(frame, sp, sp[-1], base, vm);
}

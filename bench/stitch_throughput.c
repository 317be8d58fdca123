/* stitch_throughput: how fast stitch copies and patches, in ns and bytes
 * per uop, over a synthetic mix shaped like a hot loop's trace (locals,
 * constants, int/float arithmetic, compares, branches, subscripts). Two
 * trace lengths: 32 ops (the arena's mprotect calls weigh in) and 1000.
 * Reported, never asserted. Run: build-jit/stitch_bench */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "codemem.h"
#include "stitch.h"

static const int mix[] = {
    STENCIL_LOAD_FAST, STENCIL_LOAD_CONST, STENCIL_GUARD_BOTH_INT, STENCIL_BINARY_OP_ADD_INT,
    STENCIL_STORE_FAST, STENCIL_LOAD_FAST, STENCIL_LOAD_FAST, STENCIL_GUARD_BOTH_INT,
    STENCIL_COMPARE_OP_INT, STENCIL_POP_JUMP_IF_FALSE, STENCIL_LOAD_FAST, STENCIL_LOAD_FAST,
    STENCIL_GUARD_TOS_INT, STENCIL_GUARD_NOS_LIST, STENCIL_BINARY_SUBSCR_LIST_INT,
    STENCIL_GUARD_BOTH_FLOAT, STENCIL_BINARY_OP_MULTIPLY_FLOAT, STENCIL_ITER_CHECK_RANGE,
    STENCIL_FOR_ITER_RANGE, STENCIL_POP_TOP,
};
#define NMIX ((int)(sizeof mix / sizeof mix[0]))

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static void measure(int len, int reps) {
    static uint16_t caches[4];
    StitchOp *ops = calloc((size_t)len + 1, sizeof *ops);
    for (int i = 0; i < len; i++)
        ops[i] = (StitchOp){.stencil = (uint16_t)mix[i % NMIX], .oparg = (uint32_t)(i % 5), .ip = caches,
                            .jump = len, .deopt = len, .error = len};
    ops[len] = (StitchOp){.stencil = STENCIL_EXIT_TRACE, .ip = caches, .jump = -1, .deopt = -1, .error = -1};
    CodeMem *cm = codemem_new((size_t)256 << 20);
    size_t bytes = 0, size;
    double t0 = now_ns();
    for (int r = 0; r < reps; r++) {
        if (!stitch(cm, ops, len + 1, &size, NULL)) {
            codemem_reset(cm);
            if (!stitch(cm, ops, len + 1, &size, NULL)) {
                fprintf(stderr, "stitch failed\n");
                exit(1);
            }
        }
        bytes = size;
    }
    double ns = (now_ns() - t0) / reps / (len + 1);
    printf("trace of %4d uops: %6.1f ns/uop, %5.1f bytes/uop (code+data+exits)\n", len + 1, ns,
           (double)bytes / (len + 1));
    codemem_free(cm);
    free(ops);
}

int main(void) {
    measure(31, 200000);
    measure(999, 5000);
    return 0;
}

/* stitch_throughput: how fast stitch copies and patches, in ns and bytes
 * per uop, over a synthetic mix shaped like a hot loop's trace (locals,
 * constants, int/float arithmetic, compares, branches, subscripts), for
 * traces of 8, 32, 100 and 1000 uops (the exit op included). Three ways:
 *   copy+patch   stitch_write into one writable buffer, reused: the
 *                stitcher's own work, no system calls;
 *   stitch       one trace per call: arena pages, copy+patch, one
 *                mprotect to seal;
 *   batch of 8   stitch_batch, eight traces per piece and per mprotect.
 * bytes/uop is what the trace's code, data and trampolines take
 * (copy+patch), or the arena's whole pages consumed (stitch, batch).
 * Reported, never asserted. Run: build-fast/stitch_bench */
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
#define BATCH 8
#define ARENA ((size_t)256 << 20)

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static void die(const char *what) {
    fprintf(stderr, "stitch_bench: %s failed\n", what);
    exit(1);
}

/* n ops: n - 1 from the mix, then the exit every target points at. */
static StitchOp *trace(int n) {
    static uint16_t caches[4];
    StitchOp *ops = calloc((size_t)n, sizeof *ops);
    if (!ops) die("calloc");
    for (int i = 0; i < n - 1; i++)
        ops[i] = (StitchOp){.stencil = (uint16_t)mix[i % NMIX], .oparg = (uint32_t)(i % 5), .ip = caches,
                            .jump = n - 1, .deopt = n - 1, .error = n - 1};
    ops[n - 1] = (StitchOp){.stencil = STENCIL_EXIT_TRACE, .ip = caches, .jump = -1, .deopt = -1, .error = -1};
    return ops;
}

/* Copy and patch only, into one RW piece of an arena (so helper calls are
 * in rel32 reach, as in real use), never sealed. */
static double copy_patch(const StitchOp *ops, int n, int reps, size_t *bytes) {
    CodeMem *cm = codemem_new(stitch_size(ops, n));
    uint8_t *dst = cm ? codemem_alloc(cm, stitch_size(ops, n)) : NULL;
    if (!dst || !stitch_write(dst, ops, n, NULL)) die("stitch_write"); /* warm */
    double t0 = now_ns();
    for (int r = 0; r < reps; r++) *bytes = stitch_write(dst, ops, n, NULL);
    double ns = (now_ns() - t0) / reps / n;
    codemem_free(cm);
    return ns;
}

/* k traces per seal (k = 1: stitch); resets of a full arena are not timed. */
static double sealed(const StitchOp *ops, int n, int k, int reps, double *bytes_per_uop) {
    CodeMem *cm = codemem_new(ARENA);
    if (!cm) die("codemem_new");
    StitchTrace t[BATCH];
    for (int j = 0; j < k; j++) t[j] = (StitchTrace){.ops = ops, .n = n};
    double spent = 0, pages = 0;
    int calls = 0;
    while (calls * k < reps) {
        size_t before = codemem_used(cm);
        double t0 = now_ns();
        int ok = k == 1 ? stitch(cm, ops, n, NULL, NULL) != NULL : stitch_batch(cm, t, k, NULL) == 0;
        spent += now_ns() - t0;
        if (!ok) {
            if (codemem_used(cm) == 0) die("stitch");
            codemem_reset(cm);
            continue;
        }
        pages += (double)(codemem_used(cm) - before);
        calls++;
    }
    codemem_free(cm);
    *bytes_per_uop = pages / ((double)calls * k * n);
    return spent / ((double)calls * k * n);
}

int main(void) {
    static const int lens[] = {8, 32, 100, 1000};
    printf("%6s | %-22s | %-22s | %-22s\n", "uops", "copy+patch", "stitch (1 trace/seal)", "batch (8 traces/seal)");
    printf("%6s | %-22s | %-22s | %-22s\n", "", "ns/uop  bytes/uop", "ns/uop  bytes/uop", "ns/uop  bytes/uop");
    for (int i = 0; i < (int)(sizeof lens / sizeof lens[0]); i++) {
        int n = lens[i], reps = 4000000 / n;
        StitchOp *ops = trace(n);
        size_t bytes = 0;
        double b1, b8;
        double cp = copy_patch(ops, n, reps, &bytes);
        double s1 = sealed(ops, n, 1, reps / 20 + 50, &b1);
        double s8 = sealed(ops, n, BATCH, reps / 20 + 50, &b8);
        printf("%6d | %6.1f  %9.1f      | %6.1f  %9.1f      | %6.1f  %9.1f\n", n, cp, (double)bytes / n, s1, b1,
               s8, b8);
        free(ops);
    }
    return 0;
}

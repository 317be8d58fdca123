/* stitch_fixture.h: what the stitcher's tests (test_stitch, test_dump)
 * share: a VM, a frame with two locals ("x", "y") and two constants
 * (100, 3), a run of cache units standing for instructions, and helpers
 * to build ops. Included by one test file each (static functions). */
#ifndef STITCH_TEST_STITCH_FIXTURE_H
#define STITCH_TEST_STITCH_FIXTURE_H

#include <string.h>

#include "codemem.h"
#include "stitch.h"
#include "vm.h"

typedef struct Fixture {
    VM *vm;
    CodeMem *cm;
    Code code;
    Frame frame;
    uint16_t caches[16];
} Fixture;

static int setup(void **state) {
    static Fixture f;
    memset(&f, 0, sizeof f);
    VMOptions opt = {0};
    opt.heap_limit = (size_t)64 << 20;
    opt.recursion_limit = 1000;
    f.vm = vm_new(&opt);
    assert_non_null(f.vm);
    f.cm = codemem_new((size_t)1 << 20);
    assert_non_null(f.cm);
    f.code.consts = tuple_new(f.vm, 2);
    f.code.consts->items[0] = val_int(100);
    f.code.consts->items[1] = val_int(3);
    f.code.varnames = tuple_new(f.vm, 2);
    f.code.varnames->items[0] = val_obj(str_intern_cstr(f.vm, "x"));
    f.code.varnames->items[1] = val_obj(str_intern_cstr(f.vm, "y"));
    f.code.nlocals = 2;
    gc_push_root(f.vm, val_obj(f.code.consts));
    gc_push_root(f.vm, val_obj(f.code.varnames));
    /* Slot 0 stays below the frame (as in vm.c) so the shim's sp[-1] is
     * always readable. */
    f.frame.code = &f.code;
    f.frame.base = f.vm->stack + 1;
    f.vm->stack[0] = VAL_NONE;
    f.vm->stack_top = f.frame.base + 2 + 8;
    *state = &f;
    return 0;
}

static int teardown(void **state) {
    Fixture *f = *state;
    codemem_free(f->cm);
    vm_free(f->vm);
    return 0;
}

static StitchOp op(int stencil, uint32_t oparg) {
    return (StitchOp){.stencil = (uint16_t)stencil, .oparg = oparg, .jump = -1, .deopt = -1, .error = -1};
}

/* An exit returning `status`, resuming at cache unit `ip`. */
static StitchOp exit_op(Fixture *f, uint64_t status, int ip) {
    StitchOp o = op(STENCIL_EXIT_TRACE, 0);
    o.operand = status;
    o.ip = &f->caches[ip];
    return o;
}

#endif

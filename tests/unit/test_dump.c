/* test_dump: the stitcher's listing (what it patched where) and the JIT
 * dump's disassembly of stitched code. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "codemem.h"
#include "dump.h"
#include "shim.h"
#include "stitch.h"
#include "vm.h"

#include "stitch_fixture.h"

/* a + 3 with a guard and an overflow check that deopt to the second exit. */
static int add_trace(Fixture *f, StitchOp *ops) {
    int n = 0;
    ops[n++] = op(STENCIL_LOAD_FAST, 0);
    ops[n++] = op(STENCIL_LOAD_CONST, 1);
    ops[n++] = op(STENCIL_GUARD_BOTH_INT, 0);
    ops[n++] = op(STENCIL_BINARY_OP_ADD_INT, 0);
    ops[n++] = exit_op(f, 0, 1);
    ops[n++] = exit_op(f, 7, 2);
    ops[0].error = ops[2].deopt = ops[3].deopt = 5;
    return n;
}

/* a + b on strings: a call to the runtime (str_concat). */
static int str_trace(Fixture *f, StitchOp *ops) {
    int n = 0;
    ops[n++] = op(STENCIL_LOAD_FAST, 0);
    ops[n++] = op(STENCIL_LOAD_FAST, 1);
    ops[n++] = op(STENCIL_BINARY_OP_ADD_STR, 0);
    ops[n++] = exit_op(f, 0, 1);
    ops[n++] = exit_op(f, 9, 2);
    ops[0].error = ops[1].error = ops[2].error = 4;
    return n;
}

static const uint8_t kind_width[] = {
#define X(name, width) width,
    HOLE_KIND_LIST(X)
#undef X
};

/* The S that the patched bytes of r encode, read back by hand: undo the
 * addend (and the PC for rel32), and follow a trampoline or GOT slot. */
static uint64_t decoded_target(const uint8_t *entry, const StitchHoleRecord *r) {
    const uint8_t *p = entry + r->at;
    uint64_t u64, a = (uint64_t)r->addend;
    uint32_t u32;
    int32_t rel;
    memcpy(&u64, p, 8);
    memcpy(&u32, p, 4);
    memcpy(&rel, p, 4);
    const uint8_t *aimed = p + rel - r->addend;
    static const uint8_t jmp_rip[6] = {0xFF, 0x25, 0, 0, 0, 0};
    switch ((HoleKind)r->kind) {
    case HOLE_ABS64: return u64 - a;
    case HOLE_ABS32: return (uint64_t)u32 - a;
    case HOLE_ABS32S: return (uint64_t)(int64_t)(int32_t)u32 - a;
    case HOLE_REL32:
        if ((uintptr_t)aimed == r->target) return r->target;
        /* Out of reach: a trampoline, `jmp [rip+0]` and the address. */
        if (memcmp(aimed, jmp_rip, 6) != 0) fail_msg("rel32 at +%x aims at neither S nor a trampoline", r->at);
        memcpy(&u64, aimed + 6, 8);
        return u64;
    case HOLE_GOTREL32: memcpy(&u64, aimed, 8); return u64;
    case HOLE_KIND_COUNT: break;
    }
    fail_msg("bad hole kind %d", r->kind);
    return 0;
}

/* Does the code at `at` write the stack cache back (a _SPILL stencil) and
 * then go on at `to`: by falling into it (a continuation into a jump
 * target) or through a jmp (a write-back stub)? */
static bool writes_back_to(uintptr_t at, uintptr_t to, bool falls) {
    for (int d = 1; d <= STENCIL_CACHE_MAX; d++) {
        const Stencil *s = &stencils[STENCIL_SPILL][d];
        const uint8_t *p = (const uint8_t *)at;
        if (memcmp(p, s->code, s->code_size) != 0) continue;
        if (falls && at + s->code_size == to) return true;
        int32_t rel;
        memcpy(&rel, p + s->code_size + 1, 4);
        if (!falls && p[s->code_size] == 0xE9 && at + s->code_size + 5 + (intptr_t)rel == to) return true;
    }
    return false;
}

/* The recorded S and target op of r against what its op says. */
static void check_target(const uint8_t *entry, const StitchOp *ops, const StitchListing *l, const StitchHoleRecord *r) {
    const StitchOp *o = &ops[r->op];
    int32_t want_op = -1;
    switch ((HoleValue)r->value) {
    case HV_CONTINUE: want_op = (int32_t)r->op + 1; break;
    case HV_JUMP: want_op = o->jump; break;
    case HV_DEOPT: want_op = o->deopt; break;
    case HV_ERROR: want_op = o->error; break;
    case HV_OPARG: assert_int_equal(r->target, o->oparg); break;
    case HV_OPERAND: assert_int_equal(r->target, o->operand); break;
    case HV_IP: assert_int_equal(r->target, (uintptr_t)o->ip); break;
    case HV_CODE: assert_int_equal(r->target, (uintptr_t)(entry + l->op_start[r->op])); break;
    case HV_SYMBOL: assert_int_equal(r->target, (uintptr_t)stencil_symbol_addrs[r->symbol]); break;
    case HV_DATA: break; /* no real stencil has data (see test_data_and_no_listing) */
    case HV_COUNT: fail();
    }
    assert_int_equal(r->target_op, want_op);
    if (want_op >= 0 && r->target != (uintptr_t)(entry + l->op_start[want_op]))
        assert_true(writes_back_to(r->target, (uintptr_t)(entry + l->op_start[want_op]), r->value == HV_CONTINUE));
}

/* The listing against the stencils and the bytes in memory: each op's code
 * is its stencil's, at op_start[i], except in the holes; each record
 * repeats its stencil's hole, and its bytes encode the recorded S. */
static void check_listing(const uint8_t *entry, size_t size, const StitchOp *ops, int n, const StitchListing *l) {
    assert_non_null(l->op_start);
    assert_int_equal(l->op_start[0], 0);
    int k = 0;
    for (int i = 0; i < n; i++) {
        assert_non_null(l->cache);
        const Stencil *s = &stencils[ops[i].stencil][l->cache[i]];
        assert_int_equal(l->op_start[i + 1], l->op_start[i] + s->code_size);
        uint8_t patched[512] = {0};
        assert_true(s->code_size <= sizeof patched);
        for (int j = 0; j < s->nholes; j++, k++) {
            assert_true(k < l->nholes);
            const StitchHoleRecord *r = &l->holes[k];
            const Hole *h = &s->holes[j];
            assert_int_equal(r->op, i);
            assert_int_equal(r->kind, h->kind);
            assert_int_equal(r->value, h->value);
            assert_int_equal(r->in_data, h->in_data);
            assert_int_equal(r->addend, h->addend);
            assert_false(h->in_data); /* none in the real stencils */
            assert_int_equal(r->at, l->op_start[i] + h->offset);
            if (h->value == HV_SYMBOL) assert_int_equal(r->symbol, h->symbol);
            check_target(entry, ops, l, r);
            assert_int_equal(decoded_target(entry, r), r->target);
            memset(patched + h->offset, 1, kind_width[h->kind]);
        }
        for (uint32_t b = 0; b < s->code_size; b++)
            if (!patched[b]) assert_int_equal(entry[l->op_start[i] + b], s->code[b]);
    }
    assert_int_equal(k, l->nholes);
    assert_true(l->op_start[n] <= l->data_end);
    assert_true(l->data_end <= size);
}

/* jit_dump_code's output, as a string to free. */
static char *dump(const void *entry, size_t size, int n, const char *const *labels, const StitchListing *l) {
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    jit_dump_code(out, entry, size, n, labels, l);
    fclose(out);
    assert_non_null(text);
    return text;
}

/* Each string of want[] in text, in that order. */
static void assert_in_order(const char *text, const char *const *want, int n) {
    const char *at = text;
    for (int i = 0; i < n; i++) {
        const char *p = strstr(at, want[i]);
        if (!p) fail_msg("missing (in order) \"%s\" in:\n%s", want[i], text);
        at = p + strlen(want[i]);
    }
}

/* The line of text that contains `what`. */
static char *line_with(const char *text, const char *what) {
    const char *p = strstr(text, what);
    if (!p) fail_msg("missing \"%s\" in:\n%s", what, text);
    const char *from = p, *to = strchr(p, '\n');
    while (from > text && from[-1] != '\n') from--;
    return strndup(from, (size_t)(to ? to - from : (long)strlen(from)));
}

static void test_int_trace(void **state) {
    Fixture *f = *state;
    StitchOp ops[6];
    int n = add_trace(f, ops);
    StitchListing l;
    size_t size;
    StitchError err;
    uint8_t *entry = stitch_listed(f->cm, ops, n, &size, &l, &err);
    assert_int_equal(err, STITCH_OK);
    assert_non_null(entry);
    check_listing(entry, size, ops, n, &l);
    const char *labels[6] = {"_LOAD_FAST a", "_LOAD_CONST 3", "_GUARD_BOTH_INT", "_BINARY_OP_ADD_INT",
                             "_EXIT_TRACE -> line 2", "_EXIT_TRACE -> line 1 (deopt)"};
    char *text = dump(entry, size, n, labels, &l);
    const char *order[] = {"[0] _LOAD_FAST a", "OPARG = 0", "CONTINUE -> [1] _LOAD_CONST 3", "[1] _LOAD_CONST 3",
                           "OPARG = 1", "[2] _GUARD_BOTH_INT", "DEOPT -> [5] _EXIT_TRACE -> line 1 (deopt)",
                           "[3] _BINARY_OP_ADD_INT", "CONTINUE -> [4]", "DEOPT -> [5]",
                           "[4] _EXIT_TRACE -> line 2", "IP = 0x", "OPERAND = 0x0",
                           "[5] _EXIT_TRACE -> line 1 (deopt)", "OPERAND = 0x7"};
    assert_in_order(text, order, (int)(sizeof order / sizeof *order));
    /* A hole's note follows its instruction: the deopt is a branch. */
    char *deopt = line_with(text, "DEOPT -> [5]");
    assert_non_null(strstr(deopt, " j"));
    free(deopt);
    /* No data, no far calls: no such headings. */
    assert_null(strstr(text, "\ndata\n"));
    assert_null(strstr(text, "far area"));
    free(text);
    stitch_listing_free(&l);
    assert_null(l.op_start);
    assert_null(l.holes);
    /* Recording left the code as it runs: 5 + 3, then the guard's deopt. */
    Value *base = f->frame.base, *sp = base + f->code.nlocals;
    base[0] = val_int(5);
    assert_int_equal(jit_enter(entry, &f->frame, sp, f->frame.base, f->vm), 0);
    assert_int_equal(val_as_int(f->frame.sp[-1]), 8);
    base[0] = val_float(1.5);
    assert_int_equal(jit_enter(entry, &f->frame, sp, f->frame.base, f->vm), 7);
    assert_ptr_equal(f->frame.ip, &f->caches[2]);
}

/* The call to str_concat is named, and the trace still concatenates. */
static void check_str_trace(Fixture *f, CodeMem *cm, bool far) {
    StitchOp ops[5];
    int n = str_trace(f, ops);
    StitchListing l;
    size_t size;
    uint8_t *entry = stitch_listed(cm, ops, n, &size, &l, NULL);
    assert_non_null(entry);
    check_listing(entry, size, ops, n, &l);
    const char *labels[5] = {"_LOAD_FAST a", "_LOAD_FAST b", "_BINARY_OP_ADD_STR", "_EXIT_TRACE",
                             "_EXIT_TRACE (error)"};
    char *text = dump(entry, size, n, labels, &l);
    char *call = line_with(text, "SYMBOL = str_concat");
    assert_non_null(strstr(call, "call "));
    assert_true(!far == !strstr(call, "(via trampoline +"));
    free(call);
    const char *order[] = {"[2] _BINARY_OP_ADD_STR", "SYMBOL = str_concat", "ERROR -> [4] _EXIT_TRACE (error)"};
    assert_in_order(text, order, 3);
    if (far) {
        const char *tail[] = {"far area", "jmp qword ptr [rip]", ".quad 0x", "trampoline: str_concat"};
        assert_in_order(text, tail, 4);
    }
    free(text);
    stitch_listing_free(&l);
    Value *base = f->frame.base, *sp = base + f->code.nlocals;
    base[0] = val_obj(str_intern_cstr(f->vm, "ab"));
    base[1] = val_obj(str_intern_cstr(f->vm, "cd"));
    f->vm->exc = VAL_NULL;
    assert_int_equal(jit_enter(entry, &f->frame, sp, f->frame.base, f->vm), 0);
    assert_string_equal(AS_STR(f->frame.sp[-1])->data, "abcd");
}

static void test_runtime_call(void **state) {
    Fixture *f = *state;
    check_str_trace(f, f->cm, false);
}

/* An arena out of rel32 reach of the binary: the call goes through a
 * trampoline, the hole says so and the far area lists it. codemem asks for
 * the range just below the binary's text; when that is taken (by the
 * fixture's arena, or the reservation made here over the range), the
 * kernel puts the arena elsewhere, usually near the libraries, far away. */
static void test_far_call(void **state) {
    Fixture *f = *state;
    uintptr_t text = (uintptr_t)&codemem_new & ~(uintptr_t)0xFFFFF;
    size_t span = (size_t)448 << 20;
    void *block = text > ((uintptr_t)1 << 32)
                      ? mmap((void *)(text - ((uintptr_t)512 << 20)), span, PROT_NONE,
                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0)
                      : MAP_FAILED;
    CodeMem *cm = codemem_new((size_t)1 << 20);
    assert_non_null(cm);
    intptr_t dist = (intptr_t)((uintptr_t)codemem_alloc(cm, 1) - (uintptr_t)stencil_symbol_addrs[0]);
    bool far = dist < -((intptr_t)1 << 31) || dist > ((intptr_t)1 << 31);
    if (far) check_str_trace(f, cm, true);
    codemem_free(cm);
    if (block != MAP_FAILED) munmap(block, span);
    if (!far) skip();
}

/* Each trace of a batch gets its own listing; a trace without one is
 * stitched as before. A failed stitch leaves the listing empty. */
static void test_batch_and_failure(void **state) {
    Fixture *f = *state;
    StitchOp a[6], b[5];
    StitchListing la = {0}, lb = {0};
    StitchTrace t[3] = {{a, add_trace(f, a), NULL, 0, &la}, {b, str_trace(f, b), NULL, 0, NULL},
                        {.ops = b, .n = str_trace(f, b), .listing = &lb}};
    assert_int_equal(stitch_batch(f->cm, t, 3, NULL), 0);
    check_listing(t[0].entry, t[0].size, a, t[0].n, &la);
    check_listing(t[2].entry, t[2].size, b, t[2].n, &lb);
    stitch_listing_free(&la);
    stitch_listing_free(&lb);
    stitch_listing_free(NULL);
    /* A guard without its exit. */
    StitchOp bad[2] = {op(STENCIL_GUARD_BOTH_INT, 0), exit_op(f, 0, 0)};
    StitchError err;
    assert_null(stitch_listed(f->cm, bad, 2, NULL, &la, &err));
    assert_int_equal(err, STITCH_NO_TARGET);
    assert_null(la.op_start);
    assert_null(la.holes);
    assert_int_equal(la.nholes, 0);
    /* All or nothing: the good trace's listing is dropped too. */
    StitchTrace t2[2] = {{a, add_trace(f, a), NULL, 0, &la}, {bad, 2, NULL, 0, &lb}};
    assert_int_equal(stitch_batch(f->cm, t2, 2, &err), -1);
    assert_null(la.op_start);
    assert_null(lb.holes);
}

/* Data after the code is a hex dump with its holes, not instructions; the
 * far area is absent; without a listing the bytes are one block. (No real
 * stencil has data at -Os, so this listing is made by hand.) */
static void test_data_and_no_listing(void **state) {
    (void)state;
    static const uint8_t movabs[] = {0x48, 0xB8, 0x34, 0x12, 0, 0, 0, 0, 0, 0, 0xC3}; /* movabs rax, 0x1234; ret */
    uint8_t buf[32];
    memset(buf, 0xCC, sizeof buf);
    memcpy(buf, movabs, sizeof movabs);
    uint64_t lit = 0x3FF8000000000000; /* 1.5 */
    memcpy(buf + 16, &lit, 8);
    uint64_t self = (uintptr_t)buf + 8;
    memcpy(buf + 24, &self, 8);
    uint32_t op_start[2] = {0, sizeof movabs};
    StitchHoleRecord holes[2] = {
        {.op = 0, .at = 2, .kind = HOLE_ABS64, .value = HV_OPERAND, .target_op = -1, .target = 0x1234},
        {.op = 0, .at = 24, .kind = HOLE_ABS64, .value = HV_CODE, .in_data = 1, .target_op = -1,
         .target = (uintptr_t)buf, .addend = 8},
    };
    StitchListing l = {.op_start = op_start, .holes = holes, .nholes = 2, .data_end = 32};
    const char *labels[1] = {"_SYNTHETIC"};
    char *text = dump(buf, sizeof buf, 1, labels, &l);
    const char *order[] = {"[0] _SYNTHETIC", "48 b8 34 12", "movabs rax, 0x1234", "OPERAND = 0x1234", "ret",
                           "data", "cc cc cc cc cc 00 00 00 00 00 00 f8 3f", "CODE -> +0008"};
    assert_in_order(text, order, (int)(sizeof order / sizeof *order));
    assert_null(strstr(text, "far area"));
    free(text);
    text = dump(buf, sizeof movabs, 1, NULL, NULL);
    const char *raw[] = {"(no listing)", "movabs rax, 0x1234", "ret"};
    assert_in_order(text, raw, 3);
    assert_null(strstr(text, "; "));
    free(text);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_int_trace),
        cmocka_unit_test(test_runtime_call),
        cmocka_unit_test(test_far_call),
        cmocka_unit_test(test_batch_and_failure),
        cmocka_unit_test(test_data_and_no_listing),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

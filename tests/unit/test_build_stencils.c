/* test_build_stencils: the extractor on objects clang-19 compiled from
 * tests/unit/stencil_snippets, one relocation kind each. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extract.h"
#include "stencil.h"

static char err[512];

static void load(const char *name, ExStencil *s) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.o", SNIPPET_DIR, name);
    int rc = extract_object(path, name, 0, s, err, sizeof err);
    if (rc != 0) fprintf(stderr, "%s\n", err);
    assert_int_equal(rc, 0);
}

/* The one hole of s at `offset`, checked against kind/value/addend. */
static const ExHole *hole_at(const ExStencil *s, uint32_t offset) {
    for (int i = 0; i < s->nholes; i++)
        if (s->holes[i].offset == offset && !s->holes[i].in_data) return &s->holes[i];
    fail_msg("no hole at 0x%x in %s", offset, s->name);
    return NULL;
}

static void check_single(const char *obj, int kind, int value, const char *symbol, int64_t addend) {
    ExStencil s;
    load(obj, &s);
    assert_int_equal(s.nholes, 1);
    const ExHole *h = &s.holes[0];
    assert_int_equal(h->kind, kind);
    assert_int_equal(h->value, value);
    assert_int_equal(h->addend, addend);
    if (symbol) assert_string_equal(h->symbol, symbol);
    assert_true(h->offset < s.code_size);
    extract_free(&s);
}

static void test_abs64(void **state) {
    (void)state;
    check_single("abs64", HOLE_ABS64, HV_OPERAND, NULL, 0);
}

static void test_abs32(void **state) {
    (void)state;
    check_single("abs32", HOLE_ABS32, HV_OPARG, NULL, 0);
}

static void test_abs32s(void **state) {
    (void)state;
    check_single("abs32s", HOLE_ABS32S, HV_SYMBOL, "table", 0);
}

static void test_gotpcrel_variants(void **state) {
    (void)state;
    check_single("rex_gotpcrelx", HOLE_GOTREL32, HV_SYMBOL, "counter", -4);
    check_single("gotpcrel", HOLE_GOTREL32, HV_SYMBOL, "counter", -4);
    check_single("gotpcrelx", HOLE_GOTREL32, HV_SYMBOL, "helper", -4);
}

/* A float literal comes along as data, reached PC-relative; the call is a
 * REL32 to the runtime symbol. */
static void test_pc32_and_plt32(void **state) {
    (void)state;
    ExStencil s;
    load("pc32_plt32", &s);
    assert_int_equal(s.nholes, 2);
    assert_int_equal(s.data_size, 8);
    double lit;
    memcpy(&lit, s.data, 8);
    assert_true(lit == 3.25);
    int data = 0, call = 0;
    for (int i = 0; i < s.nholes; i++) {
        const ExHole *h = &s.holes[i];
        assert_int_equal(h->kind, HOLE_REL32);
        if (h->value == HV_DATA) {
            data++;
            assert_int_equal(h->addend, -4);
            assert_string_equal(h->reloc, "R_X86_64_PC32");
        } else {
            call++;
            assert_int_equal(h->value, HV_SYMBOL);
            assert_string_equal(h->symbol, "helper");
            assert_string_equal(h->reloc, "R_X86_64_PLT32");
            /* A call (E8) or a tail jump (E9) precedes the displacement. */
            assert_true(s.code[h->offset - 1] == 0xE8 || s.code[h->offset - 1] == 0xE9);
        }
    }
    assert_int_equal(data, 1);
    assert_int_equal(call, 1);
    extract_free(&s);
}

static void test_tls_rejected(void **state) {
    (void)state;
    ExStencil s;
    char path[1024];
    snprintf(path, sizeof path, "%s/tls.o", SNIPPET_DIR);
    assert_int_equal(extract_object(path, "tls", 0, &s, err, sizeof err), -1);
    /* The message names the object, the section, the offset and the type. */
    assert_non_null(strstr(err, "tls.o"));
    assert_non_null(strstr(err, "section .text"));
    assert_non_null(strstr(err, "offset 0x"));
    assert_non_null(strstr(err, "unsupported relocation R_X86_64_GOTTPOFF"));
    extract_free(&s);
}

static void test_missing_object(void **state) {
    (void)state;
    ExStencil s;
    assert_int_equal(extract_object("/nonexistent.o", "x", 0, &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "/nonexistent.o"));
    extract_free(&s);
}

/* The trailing `jmp CONTINUE` goes; the mid-code one stays a hole and the
 * short branch that aimed at the dropped jump now ends the stencil. */
static void test_trailing_jump_dropped(void **state) {
    (void)state;
    ExStencil s;
    load("tail", &s);
    assert_true(s.dropped_jump);
    int conts = 0;
    for (int i = 0; i < s.nholes; i++) conts += s.holes[i].value == HV_CONTINUE;
    assert_int_equal(conts, 1);
    /* The last instruction is no longer a jump to CONTINUE. */
    const ExHole *h = hole_at(&s, (uint32_t)s.code_size - 4);
    assert_int_equal(h->value, HV_CONTINUE); /* the mid-code one, now last... */
    extract_free(&s);
}

/* `je CONTINUE; jmp DEOPT` at the end becomes `jne DEOPT`. */
static void test_guard_inverted(void **state) {
    (void)state;
    ExStencil s;
    load("guard", &s);
    assert_true(s.inverted);
    assert_int_equal(s.nholes, 1);
    assert_int_equal(s.holes[0].value, HV_DEOPT);
    assert_int_equal(s.holes[0].offset, s.code_size - 4);
    assert_int_equal(s.code[s.code_size - 6], 0x0F);
    assert_int_equal(s.code[s.code_size - 5], 0x85); /* jne */
    extract_free(&s);
}

/* Every snippet's relocations lie on an immediate or displacement field
 * (load() would fail otherwise), and the check marks branch displacements:
 * the tail call's rel32 is one, the RIP-relative load's is not. */
static void test_relocations_on_fields(void **state) {
    (void)state;
    static const char *const objs[] = {"abs64", "abs32", "abs32s", "pc32_plt32", "rex_gotpcrelx",
                                       "gotpcrel", "gotpcrelx", "tail", "guard"};
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++) {
        ExStencil s;
        load(objs[i], &s);
        extract_free(&s);
    }
    ExStencil s;
    load("pc32_plt32", &s);
    for (int i = 0; i < s.nholes; i++) assert_int_equal(s.holes[i].branch, s.holes[i].value == HV_SYMBOL);
    extract_free(&s);
    load("guard", &s);
    assert_true(s.holes[0].branch); /* the inverted jcc to DEOPT */
    extract_free(&s);
}

/* A copy of snippet `name` with its first code relocation moved by delta
 * bytes (libelf, layout kept), in `out`. */
static void copy_with_moved_reloc(const char *name, int delta, char *out, size_t outlen) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.o", SNIPPET_DIR, name);
    snprintf(out, outlen, "/tmp/stencil_moved_XXXXXX.o");
    int to = mkstemps(out, 2), from = open(path, O_RDONLY);
    assert_true(to >= 0 && from >= 0);
    char buf[65536];
    ssize_t n;
    while ((n = read(from, buf, sizeof buf)) > 0) assert_int_equal(write(to, buf, (size_t)n), n);
    close(from);
    assert_int_not_equal(elf_version(EV_CURRENT), EV_NONE);
    Elf *e = elf_begin(to, ELF_C_RDWR, NULL);
    assert_non_null(e);
    elf_flagelf(e, ELF_C_SET, ELF_F_LAYOUT);
    bool moved = false;
    for (Elf_Scn *scn = NULL; !moved && (scn = elf_nextscn(e, scn));) {
        GElf_Shdr sh, target;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_RELA) continue;
        if (!gelf_getshdr(elf_getscn(e, sh.sh_info), &target) || !(target.sh_flags & SHF_EXECINSTR)) continue;
        Elf_Data *d = elf_getdata(scn, NULL);
        GElf_Rela r;
        assert_non_null(gelf_getrela(d, 0, &r));
        r.r_offset = (GElf_Addr)((int64_t)r.r_offset + delta);
        assert_true(gelf_update_rela(d, 0, &r));
        elf_flagdata(d, ELF_C_SET, ELF_F_DIRTY);
        moved = true;
    }
    assert_true(moved);
    assert_true(elf_update(e, ELF_C_WRITE) >= 0);
    elf_end(e);
    close(to);
}

/* `mov eax, imm32` with its R_X86_64_32 moved onto the opcode byte, and a
 * RIP-relative load with its PC32 moved into the middle of the
 * displacement: both rejected, naming object, section, offset,
 * relocation and instruction. */
static void test_misplaced_relocation_rejected(void **state) {
    (void)state;
    char path[256];
    ExStencil s;
    copy_with_moved_reloc("abs32", -1, path, sizeof path);
    int rc = extract_object(path, "abs32", 0, &s, err, sizeof err);
    unlink(path);
    assert_int_equal(rc, -1);
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, "section .text, offset 0x0"));
    assert_non_null(strstr(err, "R_X86_64_32"));
    assert_non_null(strstr(err, "not on an immediate or displacement field of `mov eax"));
    extract_free(&s);

    copy_with_moved_reloc("pc32_plt32", 1, path, sizeof path);
    rc = extract_object(path, "pc32_plt32", 0, &s, err, sizeof err);
    unlink(path);
    assert_int_equal(rc, -1);
    assert_non_null(strstr(err, "R_X86_64_PC32"));
    assert_non_null(strstr(err, "`mulsd xmm0"));
    extract_free(&s);
}

static void test_header_is_marked_generated(void **state) {
    (void)state;
    ExStencil s;
    load("pc32_plt32", &s);
    char buf[8192] = {0};
    FILE *f = fmemopen(buf, sizeof buf - 1, "w");
    extract_write_header(f, &s, 1);
    fclose(f);
    assert_non_null(strstr(buf, "do not edit"));
    assert_true(strncmp(buf, "/* generated", 12) == 0);
    assert_non_null(strstr(buf, "__asm__(\"helper\")"));
    assert_non_null(strstr(buf, "HV_DATA"));
    extract_free(&s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_abs64),
        cmocka_unit_test(test_abs32),
        cmocka_unit_test(test_abs32s),
        cmocka_unit_test(test_gotpcrel_variants),
        cmocka_unit_test(test_pc32_and_plt32),
        cmocka_unit_test(test_tls_rejected),
        cmocka_unit_test(test_missing_object),
        cmocka_unit_test(test_trailing_jump_dropped),
        cmocka_unit_test(test_guard_inverted),
        cmocka_unit_test(test_relocations_on_fields),
        cmocka_unit_test(test_misplaced_relocation_rejected),
        cmocka_unit_test(test_header_is_marked_generated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

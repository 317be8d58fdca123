/* extract.c: a stencil from one relocatable ELF object (libelf). */
#include "extract.h"

#include <capstone/capstone.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reloc.h"
#include "stencil.h"

static const char *const hole_value_syms[] = {
#define X(name, sym) sym,
    HOLE_VALUE_LIST(X)
#undef X
};
static const char *const hole_value_names[] = {
#define X(name, sym) #name,
    HOLE_VALUE_LIST(X)
#undef X
};
static const char *const hole_kind_names[] = {
#define X(name, width) #name,
    HOLE_KIND_LIST(X)
#undef X
};
static const uint8_t hole_kind_widths[] = {
#define X(name, width) width,
    HOLE_KIND_LIST(X)
#undef X
};

#define MAX_SECTIONS 64

/* Where each section of the object lands in the stencil. */
typedef struct Placement {
    enum { SEC_NONE, SEC_CODE, SEC_DATA } where;
    size_t offset;
} Placement;

/* A relocation in the code, kept for the field check (code-to-code ones
 * are resolved at once and leave no hole, but are checked all the same). */
typedef struct CodeReloc {
    uint32_t offset;
    uint8_t width;
    const char *type;
    const char *symbol;
} CodeReloc;

typedef struct Ctx {
    const char *path;
    char *err;
    size_t errlen;
    Elf *elf;
    const RelocArch *arch;
    Placement place[MAX_SECTIONS];
    size_t nsections;
    Elf_Data *symtab;
    size_t symstr;
    ExStencil *out;
    int holes_cap;
    size_t code_section;
    CodeReloc *relocs;
    int nrelocs, relocs_cap;
} Ctx;

static int fail(Ctx *c, const char *fmt, ...) {
    va_list ap;
    int n = snprintf(c->err, c->errlen, "%s: ", c->path);
    va_start(ap, fmt);
    if (n >= 0 && (size_t)n < c->errlen) vsnprintf(c->err + n, c->errlen - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

static void *xrealloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "build_stencils: out of memory\n");
        exit(2);
    }
    return q;
}

static char *xstrdup(const char *s) {
    char *d = xrealloc(NULL, strlen(s) + 1);
    return strcpy(d, s);
}

static const char *section_name(Ctx *c, size_t i) {
    size_t shstrndx;
    GElf_Shdr sh;
    Elf_Scn *scn = elf_getscn(c->elf, i);
    if (!scn || !gelf_getshdr(scn, &sh) || elf_getshdrstrndx(c->elf, &shstrndx) != 0) return "?";
    const char *n = elf_strptr(c->elf, shstrndx, sh.sh_name);
    return n ? n : "?";
}

/* Append section `i`'s bytes to the code or the data. */
static int place_section(Ctx *c, size_t i, Elf_Scn *scn, GElf_Shdr *sh, bool code) {
    ExStencil *s = c->out;
    Elf_Data *d = elf_getdata(scn, NULL);
    size_t align = sh->sh_addralign ? sh->sh_addralign : 1;
    if (code) {
        if (s->code_size) return fail(c, "more than one code section (%s); one function per stencil", section_name(c, i));
        s->code = xrealloc(NULL, sh->sh_size);
        memcpy(s->code, d->d_buf, sh->sh_size);
        s->code_size = sh->sh_size;
        c->place[i] = (Placement){SEC_CODE, 0};
        c->code_section = i;
        return 0;
    }
    size_t off = (s->data_size + align - 1) & ~(align - 1);
    s->data = xrealloc(s->data, off + sh->sh_size);
    memset(s->data + s->data_size, 0, off - s->data_size);
    memcpy(s->data + off, d->d_buf, sh->sh_size);
    s->data_size = off + sh->sh_size;
    if (align > s->data_align) s->data_align = align;
    c->place[i] = (Placement){SEC_DATA, off};
    return 0;
}

static int read_sections(Ctx *c) {
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(c->elf, scn))) {
        GElf_Shdr sh;
        size_t i = elf_ndxscn(scn);
        if (i >= MAX_SECTIONS) return fail(c, "too many sections");
        if (!gelf_getshdr(scn, &sh)) return fail(c, "bad section header %zu", i);
        const char *name = section_name(c, i);
        if (sh.sh_type == SHT_SYMTAB) {
            c->symtab = elf_getdata(scn, NULL);
            c->symstr = sh.sh_link;
            continue;
        }
        if (!(sh.sh_flags & SHF_ALLOC) || sh.sh_size == 0) continue;
        if (strcmp(name, ".eh_frame") == 0)
            return fail(c, "section .eh_frame: unwind tables must be off (-fno-asynchronous-unwind-tables)");
        if (sh.sh_flags & SHF_TLS) return fail(c, "section %s: thread-local data cannot be in a stencil", name);
        if ((sh.sh_flags & SHF_WRITE) || sh.sh_type == SHT_NOBITS)
            return fail(c, "section %s: writable data cannot be in a stencil (every copy would have its own)", name);
        if (sh.sh_type != SHT_PROGBITS) return fail(c, "section %s: unexpected type %u", name, sh.sh_type);
        if (place_section(c, i, scn, &sh, (sh.sh_flags & SHF_EXECINSTR) != 0) < 0) return -1;
    }
    if (!c->symtab) return fail(c, "no symbol table");
    if (!c->out->code_size) return fail(c, "no code");
    return 0;
}

static void add_hole(Ctx *c, ExHole h) {
    ExStencil *s = c->out;
    if (s->nholes == c->holes_cap) {
        c->holes_cap = c->holes_cap ? 2 * c->holes_cap : 16;
        s->holes = xrealloc(s->holes, (size_t)c->holes_cap * sizeof *s->holes);
    }
    s->holes[s->nholes++] = h;
}

static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }

/* The ways out (_JIT_CONTINUE, _JIT_JUMP, _JIT_DEOPT, _JIT_ERROR), each
 * named "<way>_<depth>" by the template: left with <depth> values cached in
 * registers (a bare name: depth 0). All the holes of one way must agree,
 * since each leads to one place. */
static int way_depth(Ctx *c, const char *sname, ExHole *h) {
    for (int v = 0; v < STENCIL_WAYS && sname; v++) {
        size_t len = strlen(hole_value_syms[v]);
        if (strncmp(sname, hole_value_syms[v], len) != 0) continue;
        const char *d = sname + len;
        int depth = 0;
        if (*d) {
            if (d[0] != '_' || d[1] < '0' || d[1] > '0' + STENCIL_CACHE_MAX || d[2]) continue;
            depth = d[1] - '0';
        }
        h->value = v;
        if (c->out->leaves_at[v] >= 0 && c->out->leaves_at[v] != depth)
            return fail(c, "leaves through %s at two cache depths (%d and %d): every path must agree",
                        hole_value_syms[v], c->out->leaves_at[v], depth);
        c->out->leaves_at[v] = depth;
        return 0;
    }
    return 0;
}

/* One relocation of section `target` (placed at `pl`). */
static int convert(Ctx *c, size_t target, const Placement *pl, GElf_Rela *r) {
    uint32_t type = (uint32_t)GELF_R_TYPE(r->r_info);
    size_t symi = GELF_R_SYM(r->r_info);
    const char *sec = section_name(c, target);
    const RelocRule *rule = reloc_rule(c->arch, type);
    if (!rule || rule->kind < 0)
        return fail(c, "section %s, offset 0x%" PRIx64 ": unsupported relocation %s (type %u)", sec,
                    (uint64_t)r->r_offset, rule ? rule->name : "(unknown)", type);
    GElf_Sym sym;
    if (!gelf_getsym(c->symtab, (int)symi, &sym)) return fail(c, "bad symbol %zu", symi);
    const char *sname = elf_strptr(c->elf, c->symstr, sym.st_name);
    ExHole h = {.offset = (uint32_t)(pl->offset + r->r_offset), .kind = rule->kind,
                .in_data = pl->where == SEC_DATA, .addend = r->r_addend, .reloc = rule->name};
    if (!h.in_data) {
        if (c->nrelocs == c->relocs_cap) {
            c->relocs_cap = c->relocs_cap ? 2 * c->relocs_cap : 16;
            c->relocs = xrealloc(c->relocs, (size_t)c->relocs_cap * sizeof *c->relocs);
        }
        c->relocs[c->nrelocs++] = (CodeReloc){h.offset, hole_kind_widths[h.kind], rule->name, sname};
    }
    if (sym.st_shndx == SHN_UNDEF) {
        h.value = HV_SYMBOL;
        for (int v = STENCIL_WAYS; v < HV_COUNT; v++)
            if (hole_value_syms[v] && sname && strcmp(hole_value_syms[v], sname) == 0) h.value = v;
        if (way_depth(c, sname, &h) < 0) return -1;
        if (sname && strcmp(sname, "_JIT_CACHED_UOP_TOUCHES_THE_FRAME") == 0)
            return fail(c, "this uop keeps stack values in registers but reaches the frame's stack "
                           "(SYNC_FRAME, FRAME_PUSHED, FRAME_POPPED): flag it in runtime/uops.h");
        if (h.value == HV_SYMBOL) {
            if (!sname || !*sname) return fail(c, "section %s, offset 0x%" PRIx64 ": undefined unnamed symbol", sec, (uint64_t)r->r_offset);
            h.symbol = xstrdup(sname);
        }
    } else if (sym.st_shndx < c->nsections && c->place[sym.st_shndx].where != SEC_NONE) {
        const Placement *tp = &c->place[sym.st_shndx];
        h.addend += (int64_t)(tp->offset + sym.st_value);
        h.value = tp->where == SEC_CODE ? HV_CODE : HV_DATA;
        /* Code to its own code: the distance is known now. */
        if (h.value == HV_CODE && !h.in_data && h.kind == HOLE_REL32) {
            int64_t v = h.addend - (int64_t)h.offset;
            put32(c->out->code + h.offset, (uint32_t)(int32_t)v);
            return 0;
        }
    } else {
        return fail(c, "section %s, offset 0x%" PRIx64 ": %s refers to symbol '%s' in section %s, which is not part of the stencil",
                    sec, (uint64_t)r->r_offset, rule->name, sname ? sname : "?", section_name(c, sym.st_shndx));
    }
    add_hole(c, h);
    return 0;
}

static int read_relocations(Ctx *c) {
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(c->elf, scn))) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh)) continue;
        if (sh.sh_type == SHT_REL)
            return fail(c, "section %s: REL relocations (without addends) are not supported", section_name(c, elf_ndxscn(scn)));
        if (sh.sh_type != SHT_RELA) continue;
        size_t target = sh.sh_info;
        if (target >= c->nsections) return fail(c, "relocation section for bad section %zu", target);
        if (c->place[target].where == SEC_NONE) continue; /* debug info and the like */
        Elf_Data *d = elf_getdata(scn, NULL);
        size_t n = sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0;
        for (size_t k = 0; k < n; k++) {
            GElf_Rela r;
            if (!gelf_getrela(d, (int)k, &r)) return fail(c, "bad relocation");
            if (convert(c, target, &c->place[target], &r) < 0) return -1;
        }
    }
    return 0;
}

static int cmp_holes(const void *a, const void *b) {
    const ExHole *x = a, *y = b;
    if (x->in_data != y->in_data) return x->in_data - y->in_data;
    return (x->offset > y->offset) - (x->offset < y->offset);
}

static bool open_capstone(uint16_t machine, csh *h);

static int cmp_relocs(const void *a, const void *b) {
    const CodeReloc *x = a, *y = b;
    return (x->offset > y->offset) - (x->offset < y->offset);
}

/* Does relocation r, at byte `rel` of instruction i, cover exactly its
 * immediate or displacement field? (A call/jmp/jcc rel32 is an immediate
 * to capstone.) */
static bool on_field(const cs_insn *i, uint32_t rel, uint8_t width) {
    const cs_x86_encoding *e = &i->detail->x86.encoding;
    return (e->imm_offset && rel == e->imm_offset && width == e->imm_size) ||
           (e->disp_offset && rel == e->disp_offset && width == e->disp_size);
}

static const char *reloc_symbol(const CodeReloc *r) {
    return r->symbol && *r->symbol ? r->symbol : "(section)";
}

static bool is_branch(csh h, const cs_insn *i, uint32_t rel) {
    return rel == i->detail->x86.encoding.imm_offset &&
           (cs_insn_group(h, i, CS_GRP_JUMP) || cs_insn_group(h, i, CS_GRP_CALL));
}

/* The sanity check of every code relocation against the instruction that
 * contains it; also marks the holes that are branch displacements. */
static int check_relocations(Ctx *c) {
    ExStencil *s = c->out;
    csh h;
    if (!open_capstone(s->machine, &h)) return 0; /* no disassembler for this target: nothing to check with */
    cs_insn *insn;
    size_t n = cs_disasm(h, s->code, s->code_size, 0, 0, &insn);
    qsort(c->relocs, (size_t)c->nrelocs, sizeof *c->relocs, cmp_relocs);
    const char *sec = section_name(c, c->code_section);
    int rc = 0;
    size_t i = 0;
    for (int k = 0; k < c->nrelocs && rc == 0; k++) {
        const CodeReloc *r = &c->relocs[k];
        while (i < n && insn[i].address + insn[i].size <= r->offset) i++;
        if (i == n || r->offset < insn[i].address) {
            rc = fail(c, "section %s, offset 0x%x: relocation %s against '%s' is not inside any decoded instruction",
                      sec, r->offset, r->type, reloc_symbol(r));
            break;
        }
        uint32_t rel = r->offset - (uint32_t)insn[i].address;
        const cs_x86_encoding *e = &insn[i].detail->x86.encoding;
        if (!on_field(&insn[i], rel, r->width)) {
            rc = fail(c, "section %s, offset 0x%x: relocation %s against '%s' (%u bytes at +%u) is not on an "
                      "immediate or displacement field of `%s %s` at 0x%" PRIx64 " (%u bytes; imm +%u/%u, disp +%u/%u)",
                      sec, r->offset, r->type, reloc_symbol(r), r->width, rel, insn[i].mnemonic,
                      insn[i].op_str, insn[i].address, insn[i].size, e->imm_offset, e->imm_size, e->disp_offset,
                      e->disp_size);
            break;
        }
        if (!is_branch(h, &insn[i], rel)) continue;
        for (int j = 0; j < s->nholes; j++)
            if (!s->holes[j].in_data && s->holes[j].offset == r->offset) s->holes[j].branch = true;
    }
    if (n) cs_free(insn, n);
    cs_close(&h);
    return rc;
}

int extract_object(const char *path, const char *name, int cache_in, ExStencil *out, char *err, size_t errlen) {
    memset(out, 0, sizeof *out);
    out->name = xstrdup(name);
    out->cache_in = cache_in;
    for (int v = 0; v < STENCIL_WAYS; v++) out->leaves_at[v] = -1;
    out->data_align = 1;
    Ctx c = {.path = path, .err = err, .errlen = errlen, .out = out};
    if (elf_version(EV_CURRENT) == EV_NONE) return fail(&c, "libelf: %s", elf_errmsg(-1));
    int fd = open(path, O_RDONLY);
    if (fd < 0) return fail(&c, "cannot open");
    c.elf = elf_begin(fd, ELF_C_READ, NULL);
    int rc = -1;
    GElf_Ehdr eh;
    if (!c.elf || elf_kind(c.elf) != ELF_K_ELF || !gelf_getehdr(c.elf, &eh)) {
        fail(&c, "not an ELF object");
    } else if (eh.e_type != ET_REL) {
        fail(&c, "not a relocatable object");
    } else if (!(c.arch = reloc_arch(eh.e_machine))) {
        fail(&c, "no relocation table for ELF machine %u", eh.e_machine);
    } else if (elf_getshdrnum(c.elf, &c.nsections) != 0) {
        fail(&c, "bad section count");
    } else if (read_sections(&c) == 0 && read_relocations(&c) == 0 &&
               ((out->machine = eh.e_machine), check_relocations(&c) == 0)) {
        qsort(out->holes, (size_t)out->nholes, sizeof *out->holes, cmp_holes);
        if (eh.e_machine == EM_X86_64) reloc_trim_tail_x86_64(out);
        rc = 0;
    }
    if (c.elf) elf_end(c.elf);
    close(fd);
    free(c.relocs);
    return rc;
}

void extract_free(ExStencil *s) {
    for (int i = 0; i < s->nholes; i++) free(s->holes[i].symbol);
    free(s->holes);
    free(s->code);
    free(s->data);
    free(s->name);
    memset(s, 0, sizeof *s);
}

/* ---- capstone ------------------------------------------------------------------ */

static bool open_capstone(uint16_t machine, csh *h) {
    if (machine != EM_X86_64 || cs_open(CS_ARCH_X86, CS_MODE_64, h) != CS_ERR_OK) return false;
    cs_option(*h, CS_OPT_DETAIL, CS_OPT_ON);
    return true;
}

int extract_branch_targets(const ExStencil *s, uint32_t *targets, int max) {
    csh h;
    if (!open_capstone(s->machine, &h)) return -1;
    cs_insn *insn;
    size_t n = cs_disasm(h, s->code, s->code_size, 0, 0, &insn);
    int count = 0;
    for (size_t i = 0; i < n; i++) {
        if (!cs_insn_group(h, &insn[i], CS_GRP_JUMP)) continue;
        bool patched = false; /* its displacement is a hole, not a target */
        for (int k = 0; k < s->nholes; k++)
            if (!s->holes[k].in_data && s->holes[k].offset >= insn[i].address &&
                s->holes[k].offset < insn[i].address + insn[i].size)
                patched = true;
        if (patched) continue;
        cs_x86 *x = &insn[i].detail->x86;
        if (x->op_count == 1 && x->operands[0].type == X86_OP_IMM && count < max)
            targets[count++] = (uint32_t)x->operands[0].imm;
    }
    if (n) cs_free(insn, n);
    cs_close(&h);
    return count;
}

static void print_hole(FILE *f, const ExHole *h) {
    fprintf(f, "%s %s", hole_kind_names[h->kind], h->value == HV_SYMBOL ? h->symbol : hole_value_names[h->value]);
    if (h->addend) fprintf(f, "%+" PRId64, h->addend);
    fprintf(f, " (%s)", h->reloc ? h->reloc : "?");
}

void extract_dump(FILE *f, const ExStencil *s) {
    fprintf(f, "%s: cache depth %d -> %d, %zu code bytes, %zu data bytes, %d holes%s%s\n", s->name, s->cache_in,
            s->leaves_at[HV_CONTINUE] < 0 ? 0 : s->leaves_at[HV_CONTINUE], s->code_size, s->data_size, s->nholes, s->dropped_jump ? ", trailing jump dropped" : "",
            s->inverted ? ", tail branch inverted" : "");
    csh h;
    if (!open_capstone(s->machine, &h)) {
        fprintf(f, "  (no disassembler for this machine)\n");
        return;
    }
    cs_insn *insn;
    size_t n = cs_disasm(h, s->code, s->code_size, 0, 0, &insn);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "  %4" PRIx64 ":  %-8s %-40s", insn[i].address, insn[i].mnemonic, insn[i].op_str);
        const char *sep = " ; ";
        for (int k = 0; k < s->nholes; k++) {
            const ExHole *ho = &s->holes[k];
            if (!ho->in_data && ho->offset >= insn[i].address && ho->offset < insn[i].address + insn[i].size) {
                fputs(sep, f);
                print_hole(f, ho);
                sep = ", ";
            }
        }
        fputc('\n', f);
    }
    if (n) cs_free(insn, n);
    cs_close(&h);
    for (int k = 0; k < s->nholes; k++) {
        if (!s->holes[k].in_data) continue;
        fprintf(f, "  data+%x: ", s->holes[k].offset);
        print_hole(f, &s->holes[k]);
        fputc('\n', f);
    }
}

/* ---- the generated header --------------------------------------------------------- */

static void write_bytes(FILE *f, const char *what, const ExStencil *s, const uint8_t *b, size_t n) {
    fprintf(f, "static const uint8_t stencil_%s_%s_%d[%zu] = {", what, s->name, s->cache_in, n ? n : 1);
    if (!n) fprintf(f, "0");
    for (size_t i = 0; i < n; i++) fprintf(f, "%s0x%02x,", i % 16 ? " " : "\n    ", b[i]);
    fprintf(f, "\n};\n");
}

/* Index of `sym` in the symbol list, appending it when new. */
static int symbol_index(char ***syms, int *n, const char *sym) {
    for (int i = 0; i < *n; i++)
        if (strcmp((*syms)[i], sym) == 0) return i;
    *syms = xrealloc(*syms, (size_t)(*n + 1) * sizeof **syms);
    (*syms)[*n] = (char *)sym;
    return (*n)++;
}

void extract_write_header(FILE *f, const ExStencil *s, int n) {
    char **syms = NULL;
    int nsyms = 0;
    fprintf(f, "/* generated by tools/build_stencils from stencils/template.c -- do not edit */\n\n");
    for (int i = 0; i < n; i++) {
        write_bytes(f, "code", &s[i], s[i].code, s[i].code_size);
        if (s[i].data_size) write_bytes(f, "data", &s[i], s[i].data, s[i].data_size);
        if (!s[i].nholes) continue;
        fprintf(f, "static const Hole stencil_holes_%s_%d[%d] = {\n", s[i].name, s[i].cache_in, s[i].nholes);
        for (int k = 0; k < s[i].nholes; k++) {
            const ExHole *h = &s[i].holes[k];
            int sym = h->value == HV_SYMBOL ? symbol_index(&syms, &nsyms, h->symbol) : 0;
            fprintf(f, "    {.offset = 0x%x, .kind = HOLE_%s, .value = HV_%s, .in_data = %d, .branch = %d, .symbol = %d, .addend = %" PRId64 "},\n",
                    h->offset, hole_kind_names[h->kind], hole_value_names[h->value], h->in_data, h->branch, sym, h->addend);
        }
        fprintf(f, "};\n");
    }
    fprintf(f, "\nconst Stencil stencils[STENCIL_COUNT][STENCIL_CACHE_DEPTHS] = {\n");
    for (int i = 0; i < n; i++) {
        const char *nm = s[i].name;
        int d = s[i].cache_in;
        unsigned uses = 0, ngot = 0, nfar = 0;
        for (int k = 0; k < s[i].nholes; k++) {
            const ExHole *h = &s[i].holes[k];
            uses |= 1u << h->value;
            ngot += h->kind == HOLE_GOTREL32;
            nfar += h->kind == HOLE_REL32 && h->value == HV_SYMBOL && h->branch;
        }
        fprintf(f, "    [STENCIL%s][%d] = {.code = stencil_code_%s_%d, ", nm, d, nm, d);
        if (s[i].data_size) fprintf(f, ".data = stencil_data_%s_%d, ", nm, d);
        if (s[i].nholes) fprintf(f, ".holes = stencil_holes_%s_%d, ", nm, d);
        fprintf(f, ".code_size = %zu, .data_size = %zu, .data_align = %zu, .nholes = %d, .leaves_at = {",
                s[i].code_size, s[i].data_size, s[i].data_align, s[i].nholes);
        for (int v = 0; v < STENCIL_WAYS; v++) fprintf(f, "%s%d", v ? ", " : "", s[i].leaves_at[v] < 0 ? 0 : s[i].leaves_at[v]);
        fprintf(f, "}, .falls_through = %s, .present = true, .uses = 0x%x, .ngot = %u, .nfar = %u},\n",
                s[i].dropped_jump || s[i].inverted ? "true" : "false", uses, ngot, nfar);
    }
    fprintf(f, "};\n\n/* Runtime symbols the stencils use, declared by assembler name so no C\n"
               " * prototype can clash; only their addresses matter. */\n");
    for (int i = 0; i < nsyms; i++) fprintf(f, "extern char stencil_sym_%d[] __asm__(\"%s\");\n", i, syms[i]);
    fprintf(f, "\nconst char *const stencil_symbol_names[%d] = {\n", nsyms ? nsyms : 1);
    for (int i = 0; i < nsyms; i++) fprintf(f, "    \"%s\",\n", syms[i]);
    fprintf(f, "};\nvoid *const stencil_symbol_addrs[%d] = {\n", nsyms ? nsyms : 1);
    for (int i = 0; i < nsyms; i++) fprintf(f, "    stencil_sym_%d,\n", i);
    fprintf(f, "};\nconst int stencil_symbol_count = %d;\n", nsyms);
    free(syms);
}

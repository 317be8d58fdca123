/* api.c: the public embedding API (include/stitch.h).
 *
 * Runs a program through the whole pipeline: read, parse_module,
 * compile_module, vm_run_module, and reports syntax errors and uncaught
 * exceptions on the VM's error channel. Keeps each program's source text
 * (vm->sources) so tracebacks can quote lines. */
#include <errno.h>
#include <stdlib.h>

#include "stitch.h"

#include "compiler.h"
#include "interp.h"
#include "parser.h"
#include "specialize.h"

struct StitchVM {
    VM *vm;
    const JitHooks *jit; /* stitch_provide_jit; attached when turned on */
};

/* A program's text, kept for quoting in tracebacks. */
struct SourceText {
    struct SourceText *next;
    char *filename;
    char *text;
    size_t len;
};

static char *dup_bytes(const char *s, size_t n);

const char *stitch_version(void) { return STITCH_VERSION; }

StitchVM *stitch_new(const StitchConfig *config) {
    StitchVM *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    VMOptions opt = {0};
    if (config) {
        opt.write_out = config->write_out;
        opt.write_err = config->write_err;
        opt.userdata = config->userdata;
    }
    if (!(s->vm = vm_new(&opt))) {
        free(s);
        return NULL;
    }
    return s;
}

void stitch_free(StitchVM *s) {
    if (!s) return;
    struct SourceText *t = s->vm->sources;
    while (t) {
        struct SourceText *next = t->next;
        free(t->filename);
        free(t->text);
        free(t);
        t = next;
    }
    if (s->vm->jit && s->vm->spec_stats) s->vm->jit->report(s->vm, stderr);
    spec_stats_report(s->vm, stderr);
    vm_free(s->vm);
    free(s);
}

void stitch_set_gc_stress(StitchVM *s, int on) { s->vm->opt.gc_stress = on != 0; }

void stitch_set_heap_limit(StitchVM *s, size_t bytes) {
    if (bytes) s->vm->opt.heap_limit = bytes;
}

void stitch_set_recursion_limit(StitchVM *s, int depth) {
    VM *vm = s->vm;
    if (depth < 1 || vm->nframes > 0) return;
    /* vm.c sizes the frame array for the limit it started with; keep the
     * same headroom above a raised one. */
    int want = depth + 64;
    if (want > vm->max_frames) {
        Frame *f = realloc(vm->frames, (size_t)want * sizeof(Frame));
        if (!f) return;
        vm->frames = f;
        vm->max_frames = want;
    }
    vm->opt.recursion_limit = depth;
}

void stitch_provide_jit(StitchVM *s, const StitchJit *jit) { s->jit = (const JitHooks *)jit; }

/* STITCH_JIT: once attached, the mode stays (traces are in the code). */
static int jit_switch(StitchVM *s, const char *v) {
    VM *vm = s->vm;
    int mode = !*v || !strcmp(v, "0") || !strcmp(v, "off")  ? JIT_MODE_OFF
               : !strcmp(v, "1") || !strcmp(v, "on")        ? JIT_MODE_CODE
               : !strcmp(v, "uops")                         ? JIT_MODE_UOPS
                                                            : -1;
    if (mode < 0) return -1;
    if (vm->jit) return mode == vm->opt.jit_mode ? 0 : -1;
    if (mode == JIT_MODE_OFF) return 0;
    if (!s->jit) return -1;
    vm->opt.jit_mode = mode;
    if (s->jit->attach(vm) < 0) return -1;
    vm->jit = s->jit;
    return 0;
}

static int parse_count(const char *v, unsigned long long max, unsigned long long *out) {
    char *end;
    unsigned long long n = strtoull(v, &end, 10);
    if (!*v || *end || n < 1 || n > max) return -1;
    *out = n;
    return 0;
}

int stitch_set_option(StitchVM *s, const char *name, const char *value) {
    VMOptions *o = &s->vm->opt;
    unsigned long long n;
    if (!strcmp(name, "JIT")) return jit_switch(s, value);
    if (!strcmp(name, "JIT_THRESHOLD")) {
        if (parse_count(value, 4095, &n) < 0) return -1;
        s->vm->jit_threshold = (unsigned)n;
    } else if (!strcmp(name, "JIT_MEMORY")) {
        if (parse_count(value, (unsigned long long)1 << 40, &n) < 0) return -1;
        o->jit_memory = (size_t)n;
    } else if (!strcmp(name, "JIT_DUMP")) {
        free(o->jit_dump);
        o->jit_dump = *value && strcmp(value, "0") != 0 ? dup_bytes(value, strlen(value)) : NULL;
    } else if (!strcmp(name, "JIT_PERF")) {
        o->jit_perf = *value && strcmp(value, "0") != 0;
    } else if (!strcmp(name, "JIT_OPT")) {
        o->jit_no_opt = strcmp(value, "0") == 0;
    } else {
        return -1;
    }
    return 0;
}

/* The JIT's variables, JIT itself last (it attaches with the others set). */
static void load_jit_env(StitchVM *s) {
    static const char *const names[] = {"JIT_THRESHOLD", "JIT_MEMORY", "JIT_DUMP",
                                        "JIT_PERF", "JIT_OPT", "JIT"};
    char var[32];
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(var, sizeof var, "STITCH_%s", names[i]);
        const char *v = getenv(var);
        if (v && stitch_set_option(s, names[i], v) < 0)
            fprintf(stderr, "stitch: ignoring %s=%s (%s)\n", var, v,
                    !strcmp(names[i], "JIT") && !s->jit ? "this build has no JIT" : "bad value");
    }
}

void stitch_load_env(StitchVM *s) {
    const char *v;
    load_jit_env(s);
    if ((v = getenv("STITCH_GC_STRESS")) && *v && strcmp(v, "0") != 0) stitch_set_gc_stress(s, 1);
    if ((v = getenv("STITCH_HEAP_LIMIT")) && *v) {
        char *end;
        unsigned long long n = strtoull(v, &end, 10);
        if (*end == '\0' && n > 0) stitch_set_heap_limit(s, (size_t)n);
    }
    if ((v = getenv("STITCH_SPECIALIZE")) && strcmp(v, "0") == 0) s->vm->opt.no_specialize = true;
    if ((v = getenv("STITCH_STATS")) && *v && strcmp(v, "0") != 0) spec_stats_enable(s->vm);
    if ((v = getenv("STITCH_RECURSION_LIMIT")) && *v) {
        char *end;
        long n = strtol(v, &end, 10);
        if (*end == '\0' && n > 0 && n < 10000000) stitch_set_recursion_limit(s, (int)n);
    }
}

static char *dup_bytes(const char *s, size_t n) {
    char *p = malloc(n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* Remember the text of `filename` (replacing an older one). */
static void keep_source(VM *vm, const char *filename, const char *src, size_t len) {
    for (struct SourceText *t = vm->sources; t; t = t->next) {
        if (strcmp(t->filename, filename) == 0) {
            char *text = dup_bytes(src, len);
            if (!text) return;
            free(t->text);
            t->text = text;
            t->len = len;
            return;
        }
    }
    struct SourceText *t = calloc(1, sizeof *t);
    if (!t) return;
    t->filename = dup_bytes(filename, strlen(filename));
    t->text = dup_bytes(src, len);
    if (!t->filename || !t->text) {
        free(t->filename);
        free(t->text);
        free(t);
        return;
    }
    t->len = len;
    t->next = vm->sources;
    vm->sources = t;
}

/* Line `line` of text[0..len), or NULL. */
static const char *find_line(const char *text, size_t len, int line, size_t *out_len) {
    size_t i = 0;
    for (int l = 1; l < line; l++) {
        const char *nl = memchr(text + i, '\n', len - i);
        if (!nl) return NULL;
        i = (size_t)(nl - text) + 1;
    }
    if (i > len || line < 1) return NULL;
    const char *nl = memchr(text + i, '\n', len - i);
    size_t n = nl ? (size_t)(nl - text) - i : len - i;
    if (n && text[i + n - 1] == '\r') n--;
    *out_len = n;
    return text + i;
}

const char *api_source_line(VM *vm, const char *filename, int line, size_t *len) {
    for (struct SourceText *t = vm->sources; t; t = t->next)
        if (strcmp(t->filename, filename) == 0) return find_line(t->text, t->len, line, len);
    return NULL;
}

static void err_write(VM *vm, const char *s) { vm_write_err(vm, s, strlen(s)); }

/* FILE:LINE:COL: KIND: MSG, the line with a caret under COL, then the
 * Python-style last line KIND: MSG. */
static void report_syntax_error(VM *vm, const char *filename, const char *src, size_t len,
                                const SyntaxDiag *d) {
    const char *kind = d->kind ? d->kind : "SyntaxError";
    StrBuf b;
    sb_init(&b);
    sb_addf(&b, "%s:%d:%d: %s: %s\n", filename, d->line, d->col, kind, d->msg);
    size_t n;
    const char *line = find_line(src, len, d->line, &n);
    if (line) {
        size_t skip = 0;
        while (skip < n && (line[skip] == ' ' || line[skip] == '\t' || line[skip] == '\f')) skip++;
        if (skip < n) {
            sb_adds(&b, "    ");
            sb_add(&b, line + skip, (int64_t)(n - skip));
            sb_adds(&b, "\n    ");
            long caret = (long)d->col - 1 - (long)skip;
            for (long i = 0; i < caret && i < (long)(n - skip); i++) sb_addc(&b, ' ');
            sb_adds(&b, "^\n");
        }
    }
    sb_addf(&b, "%s: %s\n", kind, d->msg);
    vm_write_err(vm, b.data, (size_t)b.len);
    sb_free(&b);
}

/* Report the uncaught exception. SystemExit is not an error when its code
 * is None or 0; any other code is printed unless it is an int, as CPython
 * does, and becomes the exit status (an int code as is, modulo 256; any
 * other code 1): see stitch_exit_status. */
static StitchResult report_exception(VM *vm) {
    Value exc = vm_take_exc(vm);
    vm->handled = VAL_NONE;
    if (IS_EXC(exc) && type_is_subtype(val_type(vm, exc), vm->types[T_SYSTEM_EXIT])) {
        Tuple *a = AS_EXC(exc)->args;
        Value code = !a || a->len == 0 ? VAL_NONE : a->len == 1 ? a->items[0] : val_obj(a);
        if (code == VAL_NONE || code == val_int(0) || code == VAL_FALSE) return STITCH_OK;
        int64_t status = 1;
        if (val_is_anyint(code) && !int_to_i64(code, &status)) status = -1;
        vm->exit_status = val_is_anyint(code) ? (int)(status & 0xff) : 1;
        if (!val_is_anyint(code)) {
            gc_push_root(vm, exc);
            Value s = obj_str(vm, code);
            gc_pop_roots(vm, 1);
            if (s == VAL_ERROR) {
                vm_take_exc(vm);
            } else {
                vm_write_err(vm, AS_STR(s)->data, (size_t)AS_STR(s)->len);
                vm_write_err(vm, "\n", 1);
            }
        }
        return STITCH_RUNTIME_ERROR;
    }
    vm_print_exception(vm, exc);
    return STITCH_RUNTIME_ERROR;
}

/* Parse and compile; NULL after reporting the error. */
static Code *compile_source(VM *vm, const char *src, size_t len, const char *filename,
                            StitchResult *res) {
    Arena arena;
    arena_init(&arena);
    SyntaxDiag diag = {0};
    Code *code = NULL;
    Module *m = parse_module(&arena, src, len, &diag);
    if (m) code = compile_module(vm, m, filename, &diag);
    arena_free(&arena);
    if (code) return code;
    if (!m || diag.msg[0]) {
        report_syntax_error(vm, filename, src, len, &diag);
        *res = STITCH_SYNTAX_ERROR;
    } else {
        *res = report_exception(vm);
    }
    return NULL;
}

StitchResult stitch_run_string(StitchVM *s, const char *source, const char *filename) {
    VM *vm = s->vm;
    vm->exit_status = 0;
    size_t len = strlen(source);
    if (!filename) filename = "<string>";
    keep_source(vm, filename, source, len);
    StitchResult res = STITCH_OK;
    Code *code = compile_source(vm, source, len, filename, &res);
    if (!code) return res;
    gc_push_root(vm, val_obj(code));
    Value r = vm_run_module(vm, code, vm->globals);
    gc_pop_roots(vm, 1);
    return r == VAL_ERROR ? report_exception(vm) : STITCH_OK;
}

/* The whole file as a NUL-terminated malloc'd string, or NULL with errno. */
static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    StrBuf b;
    sb_init(&b);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) sb_add(&b, buf, (int64_t)n);
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        sb_free(&b);
        errno = EIO;
        return NULL;
    }
    sb_addc(&b, '\0');
    *len = (size_t)b.len - 1;
    return b.data;
}

static char *load_file(VM *vm, const char *path, size_t *len) {
    char *src = read_file(path, len);
    if (src && memchr(src, '\0', *len)) {
        free(src);
        StrBuf b;
        sb_init(&b);
        sb_addf(&b, "stitch: can't run file '%s': source code cannot contain null bytes\n", path);
        vm_write_err(vm, b.data, (size_t)b.len);
        sb_free(&b);
        return NULL;
    }
    if (!src) {
        int e = errno;
        StrBuf b;
        sb_init(&b);
        sb_addf(&b, "stitch: can't open file '%s': [Errno %d] %s\n", path, e, strerror(e));
        vm_write_err(vm, b.data, (size_t)b.len);
        sb_free(&b);
    }
    return src;
}

/* Imports find the user's modules beside the main script. */
static void set_script_dir(VM *vm, const char *path) {
    const char *slash = strrchr(path, '/');
    char *dir = slash ? dup_bytes(path, slash == path ? 1 : (size_t)(slash - path)) : NULL;
    free(vm->script_dir);
    vm->script_dir = dir;
}

StitchResult stitch_run_file(StitchVM *s, const char *path) {
    size_t len;
    char *src = load_file(s->vm, path, &len);
    if (!src) return STITCH_IO_ERROR;
    set_script_dir(s->vm, path);
    StitchResult r = stitch_run_string(s, src, path);
    free(src);
    return r;
}

Code *api_compile_module_file(VM *vm, const char *path) {
    size_t len;
    char *src = read_file(path, &len);
    if (!src) {
        vm_raise(vm, T_IMPORT_ERROR, "cannot read '%s': %s", path, strerror(errno));
        return NULL;
    }
    Code *code = api_compile_module_source(vm, path, src, len);
    free(src);
    return code;
}

Code *api_compile_module_source(VM *vm, const char *filename, const char *src, size_t len) {
    keep_source(vm, filename, src, len);
    Arena arena;
    arena_init(&arena);
    SyntaxDiag diag = {0};
    Code *code = NULL;
    Module *m = parse_module(&arena, src, len, &diag);
    if (m) code = compile_module(vm, m, filename, &diag);
    arena_free(&arena);
    if (!code && (!m || diag.msg[0])) vm_raise(vm, T_SYNTAX_ERROR, "%s", diag.msg);
    return code;
}

void stitch_set_argv(StitchVM *s, int argc, char **argv) {
    VM *vm = s->vm;
    char **copy = calloc((size_t)(argc > 0 ? argc : 1), sizeof(char *));
    if (!copy) return;
    for (int i = 0; i < argc; i++) copy[i] = dup_bytes(argv[i], strlen(argv[i]));
    for (int i = 0; i < vm->argc; i++) free(vm->argv[i]);
    free(vm->argv);
    vm->argv = copy;
    vm->argc = argc;
    for (int i = 0; i < argc; i++)
        if (!copy[i]) vm->argc = i;
}

int stitch_exit_status(StitchVM *s, StitchResult r) {
    if (r == STITCH_OK) return 0;
    return r == STITCH_RUNTIME_ERROR && s->vm->exit_status ? s->vm->exit_status : 1;
}

StitchResult stitch_dis_file(StitchVM *s, const char *path) { return stitch_dis_file_opts(s, path, 0); }

StitchResult stitch_dis_file_opts(StitchVM *s, const char *path, int flags) {
    VM *vm = s->vm;
    size_t len;
    char *src = load_file(vm, path, &len);
    if (!src) return STITCH_IO_ERROR;
    keep_source(vm, path, src, len);
    StitchResult res = STITCH_OK;
    Code *code = compile_source(vm, src, len, path, &res);
    free(src);
    if (!code) return res;
    /* dis_code prints to a FILE; route its text through the output channel. */
    char *text = NULL;
    size_t n = 0;
    FILE *mem = open_memstream(&text, &n);
    if (!mem) {
        err_write(vm, "stitch: out of memory\n");
        return STITCH_RUNTIME_ERROR;
    }
    gc_push_root(vm, val_obj(code));
    if (flags & STITCH_DIS_SPECIALIZED) {
        /* Run first, so the code shows as quickened; the program's output
         * comes before the listing. */
        if (vm_run_module(vm, code, vm->globals) == VAL_ERROR) res = report_exception(vm);
    }
    dis_code_opts(vm, code, mem, flags);
    gc_pop_roots(vm, 1);
    fclose(mem);
    vm_write_out(vm, text, n);
    free(text);
    return res;
}

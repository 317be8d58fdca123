/* traceback.c: recording where an exception went, and printing it the way
 * CPython 3.11 does (without the caret lines under expressions). */
#include "interp.h"

/* CPython collapses a run of identical traceback lines after this many. */
#define TB_RECURSIVE_CUTOFF 3
/* How many chained exceptions (cause / context) are printed at most. */
#define CHAIN_MAX 32

void tb_add(VM *vm, Value exc, Code *code, int line) {
    if (!IS_EXC(exc)) return;
    Exception *e = AS_EXC(exc);
    gc_push_root(vm, exc);
    if (!e->traceback && !(e->traceback = list_new(vm, 4))) goto fail;
    Value item[2] = {val_obj(code), val_int(line)};
    Tuple *t = tuple_from(vm, item, 2);
    if (!t || list_insert(vm, e->traceback, 0, val_obj(t)) < 0) goto fail;
    gc_pop_roots(vm, 1);
    return;
fail:
    /* Out of memory while recording: keep the original exception. */
    vm->exc = exc;
    gc_pop_roots(vm, 1);
}

static void put(VM *vm, const char *s) { vm_write_err(vm, s, strlen(s)); }

static void putf(VM *vm, const char *fmt, ...) {
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    vm_write_err(vm, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

static void print_repeated(VM *vm, int count) {
    count -= TB_RECURSIVE_CUTOFF;
    putf(vm, "  [Previous line repeated %d more time%s]\n", count, count > 1 ? "s" : "");
}

static void print_source_line(VM *vm, Code *code, int line) {
    size_t len;
    const char *s = api_source_line(vm, code->filename->data, line, &len);
    if (!s) return;
    while (len && (*s == ' ' || *s == '\t' || *s == '\f')) s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r')) len--;
    if (!len) return;
    put(vm, "    ");
    vm_write_err(vm, s, len);
    put(vm, "\n");
}

static void print_tb(VM *vm, List *tb) {
    if (!tb || tb->len == 0) return;
    put(vm, "Traceback (most recent call last):\n");
    Code *last_code = NULL;
    int last_line = -1, count = 0;
    for (int64_t i = 0; i < tb->len; i++) {
        Tuple *t = AS_TUPLE(tb->items[i]);
        Code *co = AS_CODE(t->items[0]);
        int line = (int)val_as_int(t->items[1]);
        bool same = last_code && line == last_line &&
                    (co == last_code || (str_eq(co->filename, last_code->filename) &&
                                         str_eq(co->name, last_code->name)));
        if (!same) {
            if (count > TB_RECURSIVE_CUTOFF) print_repeated(vm, count);
            last_code = co;
            last_line = line;
            count = 0;
        }
        if (++count > TB_RECURSIVE_CUTOFF) continue;
        putf(vm, "  File \"%s\", line %d, in %s\n", co->filename->data, line, co->name->data);
        print_source_line(vm, co, line);
    }
    if (count > TB_RECURSIVE_CUTOFF) print_repeated(vm, count);
}

/* "ValueError: msg", or just "ValueError" when str(exc) is empty. */
static void print_last_line(VM *vm, Value exc) {
    Type *t = val_type(vm, exc);
    Value s = obj_str(vm, exc);
    if (s == VAL_ERROR) {
        vm_take_exc(vm);
        putf(vm, "%s: <exception str() failed>\n", t->name->data);
        return;
    }
    Str *str = AS_STR(s);
    put(vm, t->name->data);
    if (str->len) {
        put(vm, ": ");
        vm_write_err(vm, str->data, (size_t)str->len);
    }
    put(vm, "\n");
}

static void print_one(VM *vm, Value exc, Value *seen, int nseen) {
    for (int i = 0; i < nseen; i++)
        if (seen[i] == exc) return;
    seen[nseen++] = exc;
    if (IS_EXC(exc) && nseen < CHAIN_MAX) {
        Exception *e = AS_EXC(exc);
        if (IS_EXC(e->cause)) {
            print_one(vm, e->cause, seen, nseen);
            put(vm, "\nThe above exception was the direct cause of the following exception:\n\n");
        } else if (e->cause == VAL_NONE && IS_EXC(e->context)) {
            print_one(vm, e->context, seen, nseen);
            put(vm, "\nDuring handling of the above exception, another exception occurred:\n\n");
        }
    }
    if (IS_EXC(exc)) print_tb(vm, AS_EXC(exc)->traceback);
    print_last_line(vm, exc);
}

void vm_print_exception(VM *vm, Value exc) {
    Value seen[CHAIN_MAX];
    Value pending = vm->exc;
    gc_push_root(vm, exc);
    gc_push_root(vm, pending);
    print_one(vm, exc, seen, 0);
    gc_pop_roots(vm, 2);
    vm->exc = pending;
}

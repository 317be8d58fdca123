/* module.c: module objects, the module registry and the import statement.
 *
 * `import x` looks x up in vm->modules (what sys.modules shows), then in the
 * table of built-in modules (each written in C in its own mod_*.c file),
 * then for x.py in the main script's directory, then in the standard
 * library written in Python (lib/, embedded in the binary). A module is created once:
 * it is registered before its body runs, so a circular import finds the
 * half-initialized module, as in CPython. */
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include "stdlib_py.h" /* generated from lib/ by tools/embed_lib */
#include "vm.h"

/* The built-in modules, by name. */
static const struct {
    const char *name;
    int (*init)(VM *vm, ModuleObj *m);
} builtin_modules[] = {
    {"math", mod_math_init},
    {"time", mod_time_init},
    {"sys", mod_sys_init},
    {"random", mod_random_init},
};

ModuleObj *module_new(VM *vm, const char *name) {
    ModuleObj *m = gc_alloc(vm, sizeof(ModuleObj), OBJ_MODULE, vm->types[T_MODULE]);
    if (!m) return NULL;
    gc_push_root(vm, val_obj(m));
    ModuleObj *r = NULL;
    if ((m->name = str_intern_cstr(vm, name)) && (m->dict = dict_new(vm)) &&
        dict_set_str(vm, m->dict, vm->names[NAME_NAME], val_obj(m->name)) == 0 &&
        dict_set_str(vm, m->dict, vm->names[NAME_DOC], VAL_NONE) == 0)
        r = m;
    gc_pop_roots(vm, 1);
    return r;
}

int module_add_value(VM *vm, ModuleObj *m, const char *name, Value v) {
    gc_push_root(vm, v);
    Str *k = str_intern_cstr(vm, name);
    int r = k ? dict_set_str(vm, m->dict, k, v) : -1;
    gc_pop_roots(vm, 1);
    return r;
}

int module_add_fn(VM *vm, ModuleObj *m, const char *name, NativeFn fn) {
    Native *f = gc_alloc(vm, sizeof(Native), OBJ_NATIVE, vm->types[T_BUILTIN]);
    if (!f) return -1;
    f->fn = fn;
    f->name = name;
    f->self = VAL_NULL;
    return module_add_value(vm, m, name, val_obj(f));
}

Value module_getattr(VM *vm, Value m, Str *name) {
    Value v = dict_get(vm, AS_MODULE(m)->dict, val_obj(name));
    return v == VAL_ERROR ? VAL_NULL : v;
}

void module_repr_into(VM *vm, StrBuf *b, ModuleObj *m) {
    if (m->obj.type == vm->types[T_TEXTIO])
        sb_addf(b, "<_io.TextIOWrapper name='%s' mode='w' encoding='utf-8'>", m->name->data);
    else if (m->file)
        sb_addf(b, "<module '%s' from '%s'>", m->name->data, m->file->data);
    else
        sb_addf(b, "<module '%s' (built-in)>", m->name->data);
}

/* Register m as vm->modules[m.name]. */
static int register_module(VM *vm, ModuleObj *m) {
    return dict_set_str(vm, vm->modules, m->name, val_obj(m));
}

static Value load_builtin(VM *vm, size_t i) {
    ModuleObj *m = module_new(vm, builtin_modules[i].name);
    if (!m) return VAL_ERROR;
    gc_push_root(vm, val_obj(m));
    int rc = builtin_modules[i].init(vm, m);
    if (rc == 0) rc = register_module(vm, m);
    gc_pop_roots(vm, 1);
    return rc < 0 ? VAL_ERROR : val_obj(m);
}

/* The absolute path of name.py in the script's directory, or NULL when
 * there is no such file (malloc'd). */
static char *find_source(VM *vm, const char *name) {
    StrBuf b;
    sb_init(&b);
    sb_addf(&b, "%s/%s.py", vm->script_dir ? vm->script_dir : ".", name);
    sb_addc(&b, '\0');
    char *path = NULL;
    if (access(b.data, R_OK) == 0) path = realpath(b.data, NULL);
    sb_free(&b);
    return path;
}

/* Run `code` (compiled from `file`) as the body of a new module `name`. */
static Value run_module_code(VM *vm, Str *name, Code *code, const char *file) {
    if (!code) return VAL_ERROR;
    gc_push_root(vm, val_obj(code));
    Value r = VAL_ERROR;
    ModuleObj *m = module_new(vm, name->data);
    if (!m) goto done;
    gc_push_root(vm, val_obj(m));
    Str *f = str_from_cstr(vm, file);
    if (f) m->file = f;
    if (!f || module_add_value(vm, m, "__file__", val_obj(f)) < 0 ||
        register_module(vm, m) < 0) {
        gc_pop_roots(vm, 1);
        goto done;
    }
    if (vm_run_module(vm, code, m->dict) == VAL_ERROR) {
        /* A failed import leaves no module behind. */
        Value exc = vm_take_exc(vm);
        gc_push_root(vm, exc);
        dict_del(vm, vm->modules, val_obj(name));
        vm->exc = exc;
        gc_pop_roots(vm, 2);
        goto done;
    }
    gc_pop_roots(vm, 1);
    r = val_obj(m);
done:
    gc_pop_roots(vm, 1);
    return r;
}

/* Run the user's module file `path` as module `name`. */
static Value load_source(VM *vm, Str *name, const char *path) {
    return run_module_code(vm, name, api_compile_module_file(vm, path), path);
}

/* The standard library written in Python (lib/, embedded at build
 * time): its index in embedded_lib, or -1. */
static int find_embedded(const char *name) {
    for (size_t i = 0; i < sizeof embedded_lib / sizeof *embedded_lib; i++)
        if (!strcmp(embedded_lib[i].name, name)) return (int)i;
    return -1;
}

/* Run embedded module i; its file name, in tracebacks and __file__, is
 * "<stitch>/NAME.py". */
static Value load_embedded(VM *vm, Str *name, int i) {
    char file[128];
    snprintf(file, sizeof file, "<stitch>/%s.py", embedded_lib[i].name);
    Code *code = api_compile_module_source(vm, file, embedded_lib[i].source, embedded_lib[i].len);
    return run_module_code(vm, name, code, file);
}

/* Common modules of CPython's standard library, which stitch does not
 * have (its own: builtin_modules and embedded_lib): importing one is an
 * unsupported feature and the error says so. */
static const char *const stdlib_modules[] = {
    "abc", "argparse", "array", "ast", "asyncio", "base64", "builtins",
    "calendar", "cmath", "codecs", "concurrent", "contextlib", "csv",
    "ctypes", "dataclasses", "datetime", "decimal", "difflib", "dis", "enum", "errno",
    "fractions", "gc", "getopt", "glob", "hashlib", "hmac",
    "html", "http", "importlib", "inspect", "io", "ipaddress", "json",
    "keyword", "linecache", "locale", "logging", "lzma", "marshal", "mmap",
    "multiprocessing", "numbers", "os", "pathlib", "pickle", "platform",
    "pprint", "queue", "re", "reprlib", "secrets", "select", "shelve", "shlex",
    "shutil", "signal", "socket", "sqlite3", "stat", "statistics", "struct",
    "subprocess", "tempfile", "textwrap", "threading", "timeit", "tkinter", "token",
    "tokenize", "traceback", "types", "unicodedata", "unittest", "urllib",
    "uuid", "warnings", "weakref", "xml", "zipfile", "zlib",
};

static Value not_found(VM *vm, Str *name) {
    for (size_t i = 0; i < sizeof stdlib_modules / sizeof *stdlib_modules; i++) {
        if (strcmp(name->data, stdlib_modules[i])) continue;
        char have[512] = "";
        for (size_t k = 0; k < sizeof builtin_modules / sizeof *builtin_modules; k++)
            snprintf(have + strlen(have), sizeof have - strlen(have), "%s%s", k ? ", " : "",
                     builtin_modules[k].name);
        for (size_t k = 0; k < sizeof embedded_lib / sizeof *embedded_lib; k++)
            snprintf(have + strlen(have), sizeof have - strlen(have), ", %s",
                     embedded_lib[k].name);
        return vm_raise(vm, T_MODULE_NOT_FOUND_ERROR,
                        "stitch: unsupported: standard module '%s' (built in: %s)", name->data,
                        have);
    }
    return vm_raise(vm, T_MODULE_NOT_FOUND_ERROR, "No module named '%s'", name->data);
}

Value module_import(VM *vm, Str *name) {
    if (!vm->modules && !(vm->modules = dict_new(vm))) return VAL_ERROR;
    Value v = dict_get(vm, vm->modules, val_obj(name));
    if (v != VAL_NULL) return v;
    const char *dot = strchr(name->data, '.');
    if (dot) {
        /* No packages: a dotted name fails at its first component. */
        Str *head = str_new(vm, name->data, dot - name->data);
        if (!head) return VAL_ERROR;
        v = module_import(vm, head);
        if (v == VAL_ERROR) return VAL_ERROR;
        return vm_raise(vm, T_MODULE_NOT_FOUND_ERROR,
                        "No module named '%s'; '%s' is not a package", name->data, head->data);
    }
    for (size_t i = 0; i < sizeof builtin_modules / sizeof builtin_modules[0]; i++)
        if (!strcmp(builtin_modules[i].name, name->data)) return load_builtin(vm, i);
    /* As in CPython, the user's NAME.py beside the script shadows a standard
     * module written in Python (but not one built into the binary). */
    char *path = find_source(vm, name->data);
    if (!path) {
        int i = find_embedded(name->data);
        return i < 0 ? not_found(vm, name) : load_embedded(vm, name, i);
    }
    v = load_source(vm, name, path);
    free(path);
    return v;
}

Value module_import_from(VM *vm, Value m, Str *name) {
    if (!val_is_kind(m, OBJ_MODULE)) return obj_getattr(vm, m, name);
    Value v = module_getattr(vm, m, name);
    if (v != VAL_NULL) return v;
    ModuleObj *mod = AS_MODULE(m);
    return vm_raise(vm, T_IMPORT_ERROR, "cannot import name '%s' from '%s' (%s)", name->data,
                    mod->name->data, mod->file ? mod->file->data : "unknown location");
}

int module_import_star(VM *vm, Value m, Dict *into) {
    if (!val_is_kind(m, OBJ_MODULE)) {
        vm_raise(vm, T_TYPE_ERROR, "import * needs a module");
        return -1;
    }
    Dict *d = AS_MODULE(m)->dict;
    Str *all_name = str_intern_cstr(vm, "__all__");
    if (!all_name) return -1;
    Value all = dict_get_str(d, all_name);
    if (all != VAL_NULL) {
        Value it = obj_iter(vm, all);
        if (it == VAL_ERROR) return -1;
        gc_push_root(vm, it);
        int rc = 0;
        Value k;
        while (rc == 0 && (k = iter_next(vm, it)) != VAL_NULL) {
            if (k == VAL_ERROR || !IS_STR(k)) {
                if (k != VAL_ERROR) vm_raise(vm, T_TYPE_ERROR, "Item in module.__all__ must be str");
                rc = -1;
                break;
            }
            gc_push_root(vm, k);
            Value v = module_import_from(vm, m, AS_STR(k));
            rc = v == VAL_ERROR ? -1 : dict_set(vm, into, k, v);
            gc_pop_roots(vm, 1);
        }
        gc_pop_roots(vm, 1);
        return rc;
    }
    int64_t pos = 0;
    Value k, v;
    while (dict_next(d, &pos, &k, &v))
        if (IS_STR(k) && AS_STR(k)->data[0] != '_' && dict_set(vm, into, k, v) < 0) return -1;
    return 0;
}

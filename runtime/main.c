/* main.c: the stitch command line. Uses only the public API. */
#include <stdio.h>
#include <string.h>

#include "stitch.h"

static const char usage_text[] =
    "usage: stitch [option] ... (FILE | -c CODE | --dis FILE) [arg] ...\n"
    "Options:\n"
    "  -c CODE      run the program passed as a string\n"
    "  --dis FILE   print the bytecode of FILE like `python3 -m dis`\n"
    "  --specialized  with --dis: run FILE first, show the quickened code\n"
    "  --uops       print each instruction's micro-ops (implies --dis)\n"
    "  -X jit       enable the JIT (accepted; no trace JIT yet, runs interpreted)\n"
    "  --version    print the version and exit\n"
    "  -h, --help   print this help and exit\n"
    "Environment: STITCH_GC_STRESS=1, STITCH_HEAP_LIMIT=bytes,\n"
    "             STITCH_RECURSION_LIMIT=n, STITCH_SPECIALIZE=0, STITCH_STATS=1\n";

static int usage_error(const char *fmt, const char *arg) {
    if (fmt) {
        fputs("stitch: ", stderr);
        fprintf(stderr, fmt, arg);
        fputc('\n', stderr);
    }
    fputs(usage_text, stderr);
    return 2;
}

int main(int argc, char **argv) {
    const char *code = NULL, *file = NULL;
    int dis = 0, dis_flags = 0, i;
    for (i = 1; i < argc && !code && !file; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage_text, stdout);
            return 0;
        }
        if (!strcmp(a, "--version")) {
            printf("stitch %s\n", stitch_version());
            return 0;
        }
        if (!strcmp(a, "--specialized") || !strcmp(a, "--uops")) {
            dis_flags |= a[2] == 's' ? STITCH_DIS_SPECIALIZED : STITCH_DIS_UOPS;
            dis = 1;
            continue;
        }
        if (!strcmp(a, "--dis")) {
            dis = 1;
            continue;
        }
        if (!strcmp(a, "-c") || !strcmp(a, "-X")) {
            if (i + 1 >= argc) return usage_error("option %s requires an argument", a);
            const char *v = argv[++i];
            if (!strcmp(a, "-c")) code = v;
            else if (strcmp(v, "jit") != 0) return usage_error("unknown -X option '%s'", v);
            continue;
        }
        if (a[0] == '-' && a[1] != '\0') return usage_error("unknown option '%s'", a);
        file = a;
    }
    if (dis && !file) return usage_error("option %s requires an argument", "--dis");
    if (!code && !file) return usage_error(NULL, NULL);

    StitchVM *vm = stitch_new(NULL);
    if (!vm) {
        fputs("stitch: out of memory\n", stderr);
        return 1;
    }
    stitch_load_env(vm);
    /* sys.argv: the script (or "-c"), then the arguments after it. */
    char *dash_c = "-c";
    argv[i - 1] = code ? dash_c : argv[i - 1];
    stitch_set_argv(vm, argc - (i - 1), argv + (i - 1));
    StitchResult r;
    if (code) r = stitch_run_string(vm, code, "<string>");
    else if (dis) r = stitch_dis_file_opts(vm, file, dis_flags);
    else r = stitch_run_file(vm, file);
    fflush(stdout);
    int status = stitch_exit_status(vm, r);
    stitch_free(vm);
    return status;
}

/* build_stencils: stencil objects in, the generated stencil header out.
 *
 *   build_stencils -o stencils.h NAME.DEPTH=OBJECT...   write the tables
 *   build_stencils --dump OBJECT...                     print size, holes, code
 *
 * DEPTH is the cache depth the object was compiled for (CACHE_IN; ".DEPTH"
 * may be left out for 0). With --dump, a stencil's name is its object's
 * file name without ".o", in the same NAME.DEPTH form. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"

static int usage(void) {
    fprintf(stderr, "usage: build_stencils -o OUT.h NAME.DEPTH=OBJECT...\n"
                    "       build_stencils --dump OBJECT...\n");
    return 2;
}

int main(int argc, char **argv) {
    if (argc < 3) return usage();
    bool dump = strcmp(argv[1], "--dump") == 0;
    const char *out = NULL;
    int first = 2;
    if (!dump) {
        if (strcmp(argv[1], "-o") != 0 || argc < 4) return usage();
        out = argv[2];
        first = 3;
    }
    int n = argc - first;
    ExStencil *s = calloc((size_t)n, sizeof *s);
    if (!s) return 2;
    char err[512];
    for (int i = 0; i < n; i++) {
        char *arg = argv[first + i], *path = arg, name[256];
        char *eq = dump ? NULL : strchr(arg, '=');
        if (eq) {
            snprintf(name, sizeof name, "%.*s", (int)(eq - arg), arg);
            path = eq + 1;
        } else {
            const char *base = strrchr(arg, '/');
            snprintf(name, sizeof name, "%s", base ? base + 1 : arg);
            char *dot = strrchr(name, '.');
            if (dot) *dot = 0;
        }
        int depth = 0;
        char *dot = strrchr(name, '.');
        if (dot) {
            depth = atoi(dot + 1);
            *dot = 0;
        }
        if (extract_object(path, name, depth, &s[i], err, sizeof err) < 0) {
            fprintf(stderr, "build_stencils: %s\n", err);
            return 1;
        }
        if (dump) extract_dump(stdout, &s[i]);
    }
    if (!dump) {
        char tmp[4096];
        snprintf(tmp, sizeof tmp, "%s.tmp", out);
        FILE *f = fopen(tmp, "w");
        if (!f) {
            perror(tmp);
            return 1;
        }
        extract_write_header(f, s, n);
        if (fclose(f) != 0 || rename(tmp, out) != 0) {
            perror(out);
            return 1;
        }
    }
    for (int i = 0; i < n; i++) extract_free(&s[i]);
    free(s);
    return 0;
}

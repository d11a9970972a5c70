/*
 * Looks up a Cisco contact-center error with the finesse-errors C API and prints what to do.
 *
 *   lookup SYMBOL               e.g. lookup E_CTI_TIMEOUT
 *   lookup FAMILY CODE          e.g. lookup cti_control_failure 265
 *   lookup HTTP_STATUS TYPE     e.g. lookup 503 "Service Unavailable"
 *
 * Build: see capi/README.md. Nothing returned by the library is freed: it is all static.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finesse_errors.h"

/* The FE_FAMILY_* value called `name`, or FE_FAMILY_COUNT if there is none. */
static uint32_t family_named(const char *name) {
    uint32_t family;
    for (family = 0; family < FE_FAMILY_COUNT; family++) {
        if (strcmp(fe_family_name(family), name) == 0) {
            return family;
        }
    }
    return FE_FAMILY_COUNT;
}

int main(int argc, char **argv) {
    const fe_error *e = NULL;
    if (argc == 2) {
        e = fe_lookup_symbol(argv[1]);
    } else if (argc == 3) {
        char *end;
        long number = strtol(argv[1], &end, 10);
        if (*argv[1] != '\0' && *end == '\0') {
            /* A number first: an HTTP status and a Finesse ErrorType. */
            e = (number > 0 && number < 1000)
                    ? fe_finesse_error((uint16_t)number, argv[2])
                    : NULL;
        } else {
            /* A family name, then a code in that family. */
            long code = strtol(argv[2], &end, 10);
            if (*argv[2] != '\0' && *end == '\0' && code >= INT32_MIN && code <= INT32_MAX) {
                e = fe_lookup(family_named(argv[1]), (int32_t)code);
            }
        }
    } else {
        fprintf(stderr,
                "usage: %s SYMBOL | FAMILY CODE | HTTP_STATUS ERROR_TYPE\n"
                "(finesse-errors %s)\n",
                argv[0], fe_version());
        return 2;
    }
    if (e == NULL) {
        fprintf(stderr, "not found\n");
        return 1;
    }

    printf("%s", fe_family_name(e->family));
    if (e->http_status != 0) {
        printf(" %u", (unsigned)e->http_status);
    }
    if (e->has_code) {
        printf(" %ld", (long)e->code);
    }
    printf(" %s: %s\n", e->symbol, e->message);
    printf("category: %s, layer: %s, retry: %s%s\n", e->category, e->layer, e->retry,
           fe_retry_is_retryable(e->retry_id) ? " (retryable)" : "");
    printf("remediation: %s\n", e->remediation);
    return 0;
}

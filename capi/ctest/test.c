/*
 * Exercises every function of finesse_errors.h and every bad-input case.
 *
 * Built and run by capi/tests/c_api.rs (against libfinesse_errors.a, and against
 * libfinesse_errors.so under valgrind), with -std=c99 -Wall -Wextra -Werror -pedantic.
 * Prints one line per test and, last, exactly "N passed, M failed"; exits non-zero if any
 * test failed.
 */
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finesse_errors.h"

/* Fails the current test (returns 0 from it) with the line and the condition. */
#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "  %s:%d: check failed: %s\n", __FILE__, __LINE__,       \
                    #cond);                                                          \
            return 0;                                                                \
        }                                                                            \
    } while (0)

/* Fails the current test unless `actual` is a non-NULL string equal to `expected`. */
#define CHECK_STR(actual, expected)                                                  \
    do {                                                                             \
        const char *actual_ = (actual);                                              \
        if (actual_ == NULL || strcmp(actual_, (expected)) != 0) {                   \
            fprintf(stderr, "  %s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__,    \
                    __LINE__, #actual, actual_ == NULL ? "(NULL)" : actual_,         \
                    (expected));                                                     \
            return 0;                                                                \
        }                                                                            \
    } while (0)

/* Every string field of an entry is non-NULL, and the vocabulary fields agree with the ids. */
static int entry_is_well_formed(const fe_error *e) {
    CHECK(e != NULL);
    CHECK(e->family < FE_FAMILY_COUNT);
    CHECK(e->category_id < FE_CATEGORY_COUNT);
    CHECK(e->retry_id < FE_RETRY_COUNT);
    CHECK(e->layer_id < FE_LAYER_COUNT);
    CHECK(e->has_code || e->code == 0);
    CHECK(e->symbol != NULL && e->aliases != NULL && e->source != NULL && e->note != NULL);
    CHECK(e->message != NULL && strlen(e->message) > 0);
    CHECK(e->remediation != NULL && strlen(e->remediation) > 0);
    CHECK_STR(e->category, fe_category_name(e->category_id));
    CHECK_STR(e->retry, fe_retry_name(e->retry_id));
    CHECK_STR(e->layer, fe_layer_name(e->layer_id));
    CHECK(e->evidence_id < FE_EVIDENCE_COUNT);
    CHECK_STR(e->evidence, fe_evidence_name(e->evidence_id));
    CHECK(e->twin == NULL || (e->twin->twin == e && e->twin->family != e->family));
    return 1;
}

static int test_version(void) {
    char expected[64];
    snprintf(expected, sizeof expected, "%d.%d.%d", FE_VERSION_MAJOR, FE_VERSION_MINOR,
             FE_VERSION_PATCH);
    CHECK_STR(fe_version(), expected);
    return 1;
}

static int test_lookup(void) {
    const fe_error *e = fe_lookup(FE_FAMILY_CTI_CONTROL_FAILURE, 265);
    CHECK(entry_is_well_formed(e));
    CHECK_STR(e->symbol, "CF_INVALID_AGENT_WORKMODE");
    CHECK(e->family == FE_FAMILY_CTI_CONTROL_FAILURE);
    CHECK(e->has_code && e->code == 265);
    CHECK(e->http_status == 0);

    e = fe_lookup(FE_FAMILY_CTI_CONTROL_FAILURE, 22);
    CHECK(entry_is_well_formed(e));
    CHECK_STR(e->symbol, "CF_INVALID_OBJECT_STATE");
    CHECK(e->code == 22);

    e = fe_lookup(FE_FAMILY_CTI_STATUS, 16);
    CHECK(entry_is_well_formed(e));
    CHECK_STR(e->symbol, "E_CTI_TIMEOUT");
    CHECK(e->layer_id == FE_LAYER_CTI_SERVER);
    CHECK_STR(e->layer, "cti_server");
    return 1;
}

static int test_lookup_returns_the_same_entry(void) {
    CHECK(fe_lookup(FE_FAMILY_CTI_STATUS, 16) == fe_lookup(FE_FAMILY_CTI_STATUS, 16));
    CHECK(fe_lookup(FE_FAMILY_CTI_STATUS, 16) == fe_lookup_symbol("E_CTI_TIMEOUT"));
    return 1;
}

static int test_lookup_unknown_code(void) {
    CHECK(fe_lookup(FE_FAMILY_CTI_STATUS, 123456) == NULL);
    CHECK(fe_lookup(FE_FAMILY_CTI_CONTROL_FAILURE, INT32_MIN) == NULL);
    CHECK(fe_lookup(FE_FAMILY_CTI_CONTROL_FAILURE, INT32_MAX) == NULL);
    return 1;
}

static int test_lookup_symbol(void) {
    const fe_error *e = fe_lookup_symbol("e_cti_timeout");
    CHECK(entry_is_well_formed(e));
    CHECK(e->family == FE_FAMILY_CTI_STATUS);
    CHECK(e->has_code && e->code == 16);
    CHECK_STR(e->symbol, "E_CTI_TIMEOUT");

    e = fe_lookup_symbol("  CF_INVALID_AGENT_WORKMODE\n");
    CHECK(e != NULL);
    CHECK(e == fe_lookup(FE_FAMILY_CTI_CONTROL_FAILURE, 265));
    return 1;
}

static int test_lookup_symbol_null(void) {
    CHECK(fe_lookup_symbol(NULL) == NULL);
    return 1;
}

static int test_lookup_symbol_invalid_utf8(void) {
    CHECK(fe_lookup_symbol("\xff\xfe") == NULL);
    CHECK(fe_lookup_symbol("E_CTI_TIMEOUT\xff") == NULL);
    CHECK(fe_lookup_symbol("\xc3") == NULL); /* truncated two-byte sequence */
    return 1;
}

static int test_lookup_symbol_unknown(void) {
    static char long_name[4097];
    CHECK(fe_lookup_symbol("NOT_A_CODE") == NULL);
    CHECK(fe_lookup_symbol("") == NULL);
    CHECK(fe_lookup_symbol("   ") == NULL);
    memset(long_name, 'A', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    CHECK(fe_lookup_symbol(long_name) == NULL);
    return 1;
}

static int test_finesse_error(void) {
    const fe_error *e = fe_finesse_error(503, "Service Unavailable");
    const fe_error *state400;
    const fe_error *state401;
    CHECK(entry_is_well_formed(e));
    CHECK(e->family == FE_FAMILY_FINESSE_API);
    CHECK(e->http_status == 503);
    CHECK_STR(e->symbol, "Service Unavailable");
    CHECK(e->retry_id == FE_RETRY_AFTER_DELAY);
    CHECK_STR(e->retry, "after_delay");
    CHECK(fe_retry_is_retryable(e->retry_id));

    state400 = fe_finesse_error(400, "invalid   state ");
    CHECK(entry_is_well_formed(state400));
    CHECK(state400->http_status == 400);
    CHECK_STR(state400->symbol, "Invalid State");
    CHECK(state400->retry_id == FE_RETRY_AFTER_STATE_CHANGE);

    state401 = fe_finesse_error(401, "Invalid State");
    CHECK(entry_is_well_formed(state401));
    CHECK(state401->http_status == 401);
    CHECK(state401 != state400);
    /* fe_lookup_symbol() answers the first entry that carries a name: the 400 one. */
    CHECK(fe_lookup_symbol("Invalid State") == state400);
    return 1;
}

static int test_finesse_error_bad_input(void) {
    CHECK(fe_finesse_error(503, NULL) == NULL);
    CHECK(fe_finesse_error(503, "\xff\xfe") == NULL);
    CHECK(fe_finesse_error(418, "Invalid State") == NULL);
    CHECK(fe_finesse_error(0, "Service Unavailable") == NULL);
    CHECK(fe_finesse_error(UINT16_MAX, "Service Unavailable") == NULL);
    CHECK(fe_finesse_error(503, "No Such Error Type") == NULL);
    CHECK(fe_finesse_error(503, "") == NULL);
    return 1;
}

/* The header's constants have the values the library uses. */
static int test_constants_match_the_library(void) {
    CHECK(FE_FAMILY_CTI_STATUS == fe_lookup_symbol("E_CTI_TIMEOUT")->family);
    CHECK(FE_FAMILY_CTI_CONTROL_FAILURE ==
          fe_lookup_symbol("CF_INVALID_AGENT_WORKMODE")->family);
    CHECK(FE_FAMILY_FINESSE_API == fe_finesse_error(503, "Service Unavailable")->family);
    CHECK(FE_RETRY_AFTER_DELAY == fe_finesse_error(503, "Service Unavailable")->retry_id);

    CHECK_STR(fe_family_name(FE_FAMILY_FINESSE_API), "finesse_api");
    CHECK_STR(fe_family_name(FE_FAMILY_CTI_STATUS), "cti_status");
    CHECK_STR(fe_family_name(FE_FAMILY_CTI_CONTROL_FAILURE), "cti_control_failure");
    CHECK_STR(fe_family_name(FE_FAMILY_PERIPHERAL), "peripheral");
    CHECK_STR(fe_family_name(FE_FAMILY_MEDIA_ROUTING), "media_routing");
    CHECK_STR(fe_family_name(FE_FAMILY_UNIFIED_CM), "unified_cm");
    CHECK_STR(fe_family_name(FE_FAMILY_CTIOS), "ctios");
    CHECK_STR(fe_family_name(FE_FAMILY_XMPP), "xmpp");
    CHECK_STR(fe_family_name(FE_FAMILY_REASON_CODE), "reason_code");
    CHECK_STR(fe_family_name(FE_FAMILY_FINESSE_JS), "finesse_js");
    CHECK_STR(fe_family_name(FE_FAMILY_CTIOS_FAILURE), "ctios_failure");
    CHECK_STR(fe_family_name(FE_FAMILY_CTIOS_CONNECTION), "ctios_connection");
    CHECK_STR(fe_family_name(FE_FAMILY_UCCE_CONFIG), "ucce_config");
    CHECK(fe_family_name(FE_FAMILY_CTI_EVENT_CAUSE) != NULL);
    CHECK_STR(fe_family_name(FE_FAMILY_CUCM_ON_BEHALF_OF), "cucm_onbehalfof");
    CHECK(fe_family_name(FE_FAMILY_COUNT) == NULL);

    CHECK_STR(fe_retry_name(FE_RETRY_NEVER), "never");
    CHECK_STR(fe_retry_name(FE_RETRY_AFTER_STATE_CHANGE), "after_state_change");
    CHECK_STR(fe_retry_name(FE_RETRY_AFTER_RECONNECT), "after_reconnect");
    CHECK_STR(fe_retry_name(FE_RETRY_AFTER_DELAY), "after_delay");
    CHECK_STR(fe_retry_name(FE_RETRY_NOT_NEEDED), "not_needed");
    CHECK(FE_RETRY_COUNT == 5);

    CHECK_STR(fe_category_name(FE_CATEGORY_REQUEST), "request");
    CHECK_STR(fe_category_name(FE_CATEGORY_AUTHENTICATION), "authentication");
    CHECK_STR(fe_category_name(FE_CATEGORY_AUTHORIZATION), "authorization");
    CHECK_STR(fe_category_name(FE_CATEGORY_NOT_FOUND), "not_found");
    CHECK_STR(fe_category_name(FE_CATEGORY_STATE), "state");
    CHECK_STR(fe_category_name(FE_CATEGORY_CONFIGURATION), "configuration");
    CHECK_STR(fe_category_name(FE_CATEGORY_CAPACITY), "capacity");
    CHECK_STR(fe_category_name(FE_CATEGORY_TIMEOUT), "timeout");
    CHECK_STR(fe_category_name(FE_CATEGORY_CONNECTIVITY), "connectivity");
    CHECK_STR(fe_category_name(FE_CATEGORY_SERVER), "server");
    CHECK_STR(fe_category_name(FE_CATEGORY_UNAVAILABLE), "unavailable");
    CHECK_STR(fe_category_name(FE_CATEGORY_TELEPHONY), "telephony");
    CHECK_STR(fe_category_name(FE_CATEGORY_UNSUPPORTED), "unsupported");
    CHECK_STR(fe_category_name(FE_CATEGORY_UNSPECIFIED), "unspecified");
    CHECK_STR(fe_category_name(FE_CATEGORY_SUCCESS), "success");
    CHECK_STR(fe_category_name(FE_CATEGORY_NORMAL_CLEARING), "normal_clearing");
    CHECK_STR(fe_category_name(FE_CATEGORY_INFORMATIONAL), "informational");
    CHECK(fe_category_name(FE_CATEGORY_COUNT) == NULL);

    CHECK_STR(fe_layer_name(FE_LAYER_FINESSE), "finesse");
    CHECK_STR(fe_layer_name(FE_LAYER_CTI_SERVER), "cti_server");
    CHECK_STR(fe_layer_name(FE_LAYER_PERIPHERAL_GATEWAY), "peripheral_gateway");
    CHECK_STR(fe_layer_name(FE_LAYER_JTAPI_GATEWAY), "jtapi_gateway");
    CHECK_STR(fe_layer_name(FE_LAYER_UNIFIED_CM), "unified_cm");
    CHECK_STR(fe_layer_name(FE_LAYER_MEDIA_ROUTING), "media_routing");
    CHECK_STR(fe_layer_name(FE_LAYER_CTIOS), "ctios");
    CHECK_STR(fe_layer_name(FE_LAYER_XMPP_SERVER), "xmpp_server");
    CHECK_STR(fe_layer_name(FE_LAYER_FINESSE_JS), "finesse_js");
    CHECK_STR(fe_layer_name(FE_LAYER_UCCE_ADMIN), "ucce_admin");
    CHECK_STR(fe_layer_name(FE_LAYER_DIALER), "dialer");
    CHECK(fe_layer_name(FE_LAYER_COUNT) == NULL);

    CHECK_STR(fe_platform_name(FE_PLATFORM_UCCE), "ucce");
    CHECK_STR(fe_platform_name(FE_PLATFORM_UCCX), "uccx");
    CHECK_STR(fe_platform_name(FE_PLATFORM_FINESSE), "finesse");
    CHECK(fe_platform_name(FE_PLATFORM_COUNT) == NULL);
    CHECK(FE_PLATFORM_COUNT == 3);
    return 1;
}

static int test_iteration_covers_every_entry(void) {
    uint32_t family;
    size_t total = 0;
    for (family = 0; family < FE_FAMILY_COUNT; family++) {
        size_t count = fe_count(family);
        size_t i;
        CHECK(count > 0);
        for (i = 0; i < count; i++) {
            const fe_error *e = fe_entry(family, i);
            CHECK(entry_is_well_formed(e));
            CHECK(e->family == family);
            CHECK(e == fe_entry(family, i));
            if (e->has_code && family != FE_FAMILY_FINESSE_API) {
                const fe_error *by_code = fe_lookup(family, e->code);
                CHECK(by_code != NULL && by_code->code == e->code);
            }
            if (e->symbol[0] != '\0') {
                CHECK(fe_lookup_symbol(e->symbol) != NULL);
            }
            if (family == FE_FAMILY_FINESSE_API) {
                CHECK(e->http_status >= 100 && e->http_status <= 599);
                CHECK(fe_finesse_error(e->http_status, e->symbol) != NULL);
            }
        }
        total += count;
    }
    CHECK(total > 0);
    return 1;
}

static int test_count_unknown_family(void) {
    CHECK(fe_count(FE_FAMILY_COUNT) == 0);
    CHECK(fe_count(99) == 0);
    CHECK(fe_count(UINT32_MAX) == 0);
    return 1;
}

static int test_entry_bad_input(void) {
    uint32_t family;
    CHECK(fe_entry(99, 0) == NULL);
    CHECK(fe_entry(FE_FAMILY_COUNT, 0) == NULL);
    CHECK(fe_entry(UINT32_MAX, 0) == NULL);
    for (family = 0; family < FE_FAMILY_COUNT; family++) {
        CHECK(fe_entry(family, fe_count(family)) == NULL);
        CHECK(fe_entry(family, fe_count(family) + 1) == NULL);
        CHECK(fe_entry(family, SIZE_MAX) == NULL);
    }
    return 1;
}

static int test_lookup_unknown_family(void) {
    CHECK(fe_lookup(99, 265) == NULL);
    CHECK(fe_lookup(FE_FAMILY_COUNT, 265) == NULL);
    CHECK(fe_lookup(UINT32_MAX, 16) == NULL);
    return 1;
}

static int test_vocabulary_names_unknown_values(void) {
    CHECK(fe_family_name(99) == NULL);
    CHECK(fe_family_name(FE_FAMILY_COUNT) == NULL);
    CHECK(fe_family_name(UINT32_MAX) == NULL);
    CHECK(fe_retry_name(99) == NULL);
    CHECK(fe_retry_name(FE_RETRY_COUNT) == NULL);
    CHECK(fe_category_name(99) == NULL);
    CHECK(fe_category_name(FE_CATEGORY_COUNT) == NULL);
    CHECK(fe_layer_name(99) == NULL);
    CHECK(fe_layer_name(FE_LAYER_COUNT) == NULL);
    CHECK(fe_layer_name(UINT32_MAX) == NULL);
    return 1;
}

static int test_retry_is_retryable(void) {
    CHECK(!fe_retry_is_retryable(FE_RETRY_NEVER));
    CHECK(fe_retry_is_retryable(FE_RETRY_AFTER_STATE_CHANGE));
    CHECK(fe_retry_is_retryable(FE_RETRY_AFTER_RECONNECT));
    CHECK(fe_retry_is_retryable(FE_RETRY_AFTER_DELAY));
    CHECK(!fe_retry_is_retryable(FE_RETRY_NOT_NEEDED));
    CHECK(!fe_retry_is_retryable(99));
    CHECK(!fe_retry_is_retryable(UINT32_MAX));
    return 1;
}

static int test_unified_cm_codes_in_every_form(void) {
    const char *forms[] = {"0x8CCC00D2", "0x8ccc00d2", "8CCC00D2", " 2362179794 ", "-1932787502"};
    size_t i;
    int32_t code = 0;
    for (i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        const fe_error *e;
        code = 0;
        CHECK(fe_parse_code(FE_FAMILY_UNIFIED_CM, forms[i], &code));
        CHECK((uint32_t)code == 0x8CCC00D2u);
        e = fe_lookup(FE_FAMILY_UNIFIED_CM, code);
        CHECK(entry_is_well_formed(e));
        CHECK_STR(e->symbol, "CTIERR_DEVICE_RESTRICTED");
        CHECK(e->family == FE_FAMILY_UNIFIED_CM && e->layer_id == FE_LAYER_UNIFIED_CM);
    }
    /* The unsigned and hex forms belong to Unified CM only; bad input leaves code alone. */
    code = 7;
    CHECK(!fe_parse_code(FE_FAMILY_PERIPHERAL, "4294967295", &code) && code == 7);
    CHECK(!fe_parse_code(FE_FAMILY_CTI_STATUS, "0x10", &code) && code == 7);
    CHECK(!fe_parse_code(FE_FAMILY_UNIFIED_CM, "0x1234567890", &code) && code == 7);
    CHECK(!fe_parse_code(FE_FAMILY_UNIFIED_CM, "", &code) && code == 7);
    CHECK(!fe_parse_code(FE_FAMILY_UNIFIED_CM, NULL, &code) && code == 7);
    CHECK(!fe_parse_code(FE_FAMILY_UNIFIED_CM, "0x8CCC00D2", NULL));
    CHECK(!fe_parse_code(FE_FAMILY_COUNT, "1", &code) && code == 7);
    CHECK(fe_parse_code(FE_FAMILY_PERIPHERAL, "-1", &code) && code == -1);
    return 1;
}

static int test_ctios_codes(void) {
    const fe_error *e = fe_lookup(FE_FAMILY_CTIOS, -114);
    CHECK(entry_is_well_formed(e));
    CHECK_STR(e->symbol, "E_CTIOS_IN_FAILOVER");
    CHECK(e->layer_id == FE_LAYER_CTIOS);
    CHECK_STR(fe_family_name(FE_FAMILY_CTIOS), "ctios");
    CHECK(fe_lookup_symbol("cil_ok") == fe_lookup(FE_FAMILY_CTIOS, 1));
    return 1;
}

static int test_reason_codes_per_platform(void) {
    const fe_error *ucce = fe_lookup_reason_code(FE_PLATFORM_UCCE, 32767);
    const fe_error *uccx = fe_lookup_reason_code(FE_PLATFORM_UCCX, 32767);
    CHECK(entry_is_well_formed(ucce) && entry_is_well_formed(uccx));
    CHECK(ucce != uccx);
    CHECK(ucce->has_platform && ucce->platform_id == FE_PLATFORM_UCCE);
    CHECK_STR(ucce->platform, "ucce");
    CHECK_STR(uccx->platform, "uccx");
    CHECK(ucce->family == FE_FAMILY_REASON_CODE && ucce->code == 32767);
    CHECK(fe_lookup_reason_code(FE_PLATFORM_UCCE, 50002) != NULL);
    CHECK(fe_lookup_reason_code(FE_PLATFORM_UCCX, 50002) == NULL);
    CHECK(fe_lookup_reason_code(FE_PLATFORM_COUNT, 32767) == NULL);
    /* Other entries have no platform. */
    CHECK(!fe_lookup(FE_FAMILY_CTI_STATUS, 16)->has_platform);
    CHECK_STR(fe_lookup(FE_FAMILY_CTI_STATUS, 16)->platform, "");
    return 1;
}

static int test_evidence_and_twins(void) {
    CHECK_STR(fe_evidence_name(FE_EVIDENCE_DOCUMENTED), "documented");
    CHECK_STR(fe_evidence_name(FE_EVIDENCE_OBSERVED), "observed");
    CHECK_STR(fe_evidence_name(FE_EVIDENCE_INFERRED), "inferred");
    CHECK(fe_evidence_name(FE_EVIDENCE_COUNT) == NULL);
    CHECK(fe_lookup(FE_FAMILY_CTI_STATUS, 16)->evidence_id == FE_EVIDENCE_DOCUMENTED);
    /* PERERR_CM_ILLEGAL_HANDLE (20004) and CTIERR_ILLEGAL_HANDLE (0x8CCC0004) are one error. */
    const fe_error *pg = fe_lookup(FE_FAMILY_PERIPHERAL, 20004);
    const fe_error *jtapi = fe_lookup(FE_FAMILY_UNIFIED_CM, (int32_t)0x8CCC0004u);
    CHECK(entry_is_well_formed(pg) && entry_is_well_formed(jtapi));
    CHECK(pg->twin == jtapi && jtapi->twin == pg);
    CHECK(pg->retry_id == jtapi->retry_id && pg->category_id == jtapi->category_id);
    CHECK(fe_lookup(FE_FAMILY_PERIPHERAL, 20117)->twin == NULL);
    return 1;
}

static int test_xmpp_conditions(void) {
    const fe_error *e = fe_lookup_symbol("stream:conflict");
    CHECK(entry_is_well_formed(e));
    CHECK(e->family == FE_FAMILY_XMPP && !e->has_code);
    CHECK(e->retry_id == FE_RETRY_NEVER);
    CHECK(e->layer_id == FE_LAYER_XMPP_SERVER);
    /* The bare condition finds an entry of some kind. */
    CHECK(fe_lookup_symbol("see-other-host") == fe_lookup_symbol("STREAM:SEE-OTHER-HOST"));
    return 1;
}

static int test_recovery_plans(void) {
    const fe_recovery_plan *plan = fe_recovery(fe_finesse_error(503, "SERVER_OUT_OF_SERVICE"));
    uint32_t family;
    CHECK(plan != NULL);
    CHECK(plan->action_id == FE_ACTION_WAIT_AND_RETRY);
    CHECK_STR(plan->action, "wait_and_retry");
    CHECK_STR(plan->action, fe_action_name(plan->action_id));
    CHECK_STR(plan->refresh, "GET /finesse/api/SystemInfo");
    CHECK(plan->retries && plan->give_up_after_ms == 150000 && plan->failover);
    CHECK(plan->first_delay_ms <= plan->max_delay_ms && plan->factor >= 1);
    CHECK(!plan->harmful_to_retry);
    CHECK(strlen(plan->source) > 0);

    plan = fe_recovery(fe_finesse_error(401, "Authentication Failure"));
    CHECK(plan != NULL && plan->harmful_to_retry && !plan->retries);
    CHECK(plan->action_id == FE_ACTION_FIX_REQUEST);

    /* Every entry has a plan; bad pointers have none. */
    for (family = 0; family < FE_FAMILY_COUNT; family++) {
        size_t i;
        for (i = 0; i < fe_count(family); i++) {
            const fe_recovery_plan *p = fe_recovery(fe_entry(family, i));
            CHECK(p != NULL && p->action_id < FE_ACTION_COUNT && p->refresh != NULL);
            CHECK(p->retries || p->give_up_after_ms == 0);
        }
    }
    CHECK(fe_recovery(NULL) == NULL);
    {
        fe_error copy = *fe_lookup(FE_FAMILY_CTI_STATUS, 16);
        CHECK(fe_recovery(&copy) == NULL);
    }
    CHECK(fe_action_name(FE_ACTION_COUNT) == NULL);
    return 1;
}

/* ---- Near misses: a name resolves only if, normalised, it is a published symbol or alias. */

#define NAME_MAX_LEN 128

/* The documented normalisation: ASCII whitespace (space, \t, \n, \f, \r) trimmed and folded
 * to one space, ASCII letters upper-cased. Returns 0 when the result does not fit. */
static int normalize(const char *in, char *out, size_t cap) {
    size_t len = 0;
    int pending = 0;
    for (; *in != '\0'; in++) {
        unsigned char c = (unsigned char)*in;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r') {
            pending = len > 0;
            continue;
        }
        if (pending) {
            if (len + 1 >= cap) return 0;
            out[len++] = ' ';
            pending = 0;
        }
        if (len + 1 >= cap) return 0;
        out[len++] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
    }
    out[len] = '\0';
    return 1;
}

/* Every published spelling, normalised, sorted: the oracle. */
static char names[4096][NAME_MAX_LEN];
static size_t name_count;

static int compare_names(const void *a, const void *b) {
    return strcmp((const char *)a, (const char *)b);
}

static int add_spelling(const char *start, size_t len) {
    char raw[NAME_MAX_LEN];
    CHECK(len > 0 && len < NAME_MAX_LEN && name_count < sizeof names / sizeof names[0]);
    memcpy(raw, start, len);
    raw[len] = '\0';
    CHECK(normalize(raw, names[name_count], NAME_MAX_LEN));
    name_count++;
    return 1;
}

/* Calls `visit` with the symbol and each alias (aliases are separated by single spaces). */
static int collect_names(void) {
    uint32_t family;
    name_count = 0;
    for (family = 0; family < FE_FAMILY_COUNT; family++) {
        size_t i;
        for (i = 0; i < fe_count(family); i++) {
            const fe_error *e = fe_entry(family, i);
            const char *a = e->aliases;
            if (e->symbol[0] != '\0') CHECK(add_spelling(e->symbol, strlen(e->symbol)));
            /* The CSTA spelling of an event cause (EC_NEW_CALL for CEC_NEW_CALL). */
            if (family == FE_FAMILY_CTI_EVENT_CAUSE && strncmp(e->symbol, "CEC_", 4) == 0) {
                CHECK(add_spelling(e->symbol + 1, strlen(e->symbol) - 1));
            }
            while (*a != '\0') {
                size_t len = strcspn(a, " ");
                CHECK(add_spelling(a, len));
                a += len;
                if (*a == ' ') a++;
            }
        }
    }
    qsort(names, name_count, NAME_MAX_LEN, compare_names);
    return 1;
}

static int is_published(const char *candidate) {
    char norm[NAME_MAX_LEN + 8];
    if (!normalize(candidate, norm, sizeof norm)) return 0;
    return bsearch(norm, names, name_count, NAME_MAX_LEN, compare_names) != NULL;
}

/* Whether `e` carries `candidate` (normalised) as its symbol or an alias. */
static int carries(const fe_error *e, const char *candidate) {
    char want[NAME_MAX_LEN + 8], have[NAME_MAX_LEN];
    const char *a = e->aliases;
    if (!normalize(candidate, want, sizeof want)) return 0;
    if (normalize(e->symbol, have, sizeof have) && strcmp(want, have) == 0) return 1;
    if (e->family == FE_FAMILY_CTI_EVENT_CAUSE && strncmp(e->symbol, "CEC_", 4) == 0 &&
        normalize(e->symbol + 1, have, sizeof have) && strcmp(want, have) == 0) {
        return 1;
    }
    while (*a != '\0') {
        size_t len = strcspn(a, " ");
        char one[NAME_MAX_LEN];
        if (len < sizeof one) {
            memcpy(one, a, len);
            one[len] = '\0';
            if (normalize(one, have, sizeof have) && strcmp(want, have) == 0) return 1;
        }
        a += len;
        if (*a == ' ') a++;
    }
    return 0;
}

static size_t near_misses_checked;

static int check_candidate(const char *candidate, const char *from) {
    const fe_error *found = fe_lookup_symbol(candidate);
    near_misses_checked++;
    if (is_published(candidate)) {
        if (found == NULL || !carries(found, candidate)) {
            fprintf(stderr, "  \"%s\" (from %s) is published but not answered exactly\n",
                    candidate, from);
            return 0;
        }
    } else if (found != NULL) {
        fprintf(stderr, "  \"%s\" (from %s) answered %s\n", candidate, from, found->symbol);
        return 0;
    }
    return 1;
}

/* The bytes a mutation puts in: printable ASCII, and 0x80 and 0xFF (never valid UTF-8 alone).
 * NUL cannot be inside a C string: a NUL substitution is the prefix, a deletion at the end. */
static int mutation_byte(int k) {
    return k < 95 ? 0x20 + k : (k == 95 ? 0x80 : 0xff);
}
#define MUTATION_BYTES 97

static int test_resolve(void) {
    fe_candidate found[8];
    size_t i, n;
    int cti = 0, jtapi = 0;
    /* A bare constant two families use: both, never one picked for the caller. */
    n = fe_resolve("TIMEOUT", found, 8);
    CHECK(n >= 2 && n <= 8);
    for (i = 0; i < n; i++) {
        CHECK(entry_is_well_formed(found[i].entry));
        CHECK(found[i].form_id < FE_FORM_COUNT);
        cti |= found[i].entry == fe_lookup(FE_FAMILY_CTI_STATUS, 16);
        jtapi |= found[i].entry == fe_lookup_symbol("CTIERR_TIMEOUT");
    }
    CHECK(cti && jtapi);
    /* Counting only, then a short array: the total is always returned. */
    CHECK(fe_resolve("TIMEOUT", NULL, 0) == n);
    CHECK(fe_resolve("TIMEOUT", found, 1) == n);
    /* Qualified and unprefixed forms. */
    CHECK(fe_resolve("ControlFailureCode.INVALID_AGENT_WORKMODE", found, 8) == 1);
    CHECK(found[0].entry == fe_lookup(FE_FAMILY_CTI_CONTROL_FAILURE, 265));
    CHECK(found[0].form_id == FE_FORM_UNPREFIXED);
    CHECK_STR(fe_form_name(found[0].form_id), "unprefixed");
    CHECK(fe_resolve("CiscoJtapiException.CTIERR_TIMEOUT", found, 8) == 1);
    CHECK(found[0].form_id == FE_FORM_SYMBOL);
    CHECK(fe_resolve("CFInvalidAgentWorkMode", found, 8) == 1);
    CHECK(found[0].form_id == FE_FORM_CAMEL_CASE);
    CHECK(fe_resolve("265", found, 8) >= 1);
    CHECK(found[0].form_id == FE_FORM_CODE);
    /* Nothing, and bad input. */
    CHECK(fe_resolve("NO_SUCH_CONSTANT", found, 8) == 0);
    CHECK(fe_resolve(NULL, found, 8) == 0);
    CHECK(fe_resolve("\xff\xfe", found, 8) == 0);
    CHECK(fe_form_name(FE_FORM_COUNT) == NULL);
    return 1;
}

/* Every prefixed symbol of every family: fe_resolve finds its entry by the constant without
 * the prefix, and by that constant qualified by a class the library does not know. */
static int test_every_bare_constant_resolves(void) {
    static const char *const prefixes[] = {"E_CTIOS_", "E_ARM_STAT_", "E_CTI_", "CTIERR_",
                                           "PERERR_", "CIL_", "CF_", "E_"};
    uint32_t family;
    size_t checked = 0;
    for (family = 0; family < FE_FAMILY_COUNT; family++) {
        size_t i, count = fe_count(family);
        for (i = 0; i < count; i++) {
            const fe_error *e = fe_entry(family, i);
            const char *bare = NULL;
            char qualified[160];
            size_t p;
            for (p = 0; p < sizeof prefixes / sizeof prefixes[0] && bare == NULL; p++) {
                size_t len = strlen(prefixes[p]);
                if (strncmp(e->symbol, prefixes[p], len) == 0 && e->symbol[len] != '\0') {
                    bare = e->symbol + len;
                }
            }
            if (bare == NULL || strlen(bare) > 120) {
                continue;
            }
            sprintf(qualified, "Some.Codes.%s", bare);
            {
                const char *texts[2];
                size_t t;
                texts[0] = bare;
                texts[1] = qualified;
                for (t = 0; t < 2; t++) {
                    fe_candidate found[32];
                    size_t n = fe_resolve(texts[t], found, 32), k;
                    int hit = 0;
                    for (k = 0; k < n && k < 32; k++) {
                        hit |= found[k].entry == e;
                    }
                    if (!hit) {
                        fprintf(stderr, "  %s does not find %s\n", texts[t], e->symbol);
                        return 0;
                    }
                }
            }
            checked++;
        }
    }
    CHECK(checked > 700);
    return 1;
}

static int compare_name_pointers(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every line of the file named by FE_AMBIGUOUS (written by capi/tests/c_api.rs from
 * data/README.md's table) is "key<TAB>families": fe_resolve(key) must give exactly those
 * families, sorted and comma-joined. */
static int test_ambiguous_keys_list_every_family(void) {
    const char *path = getenv("FE_AMBIGUOUS");
    char line[512];
    size_t lines = 0;
    FILE *file;
    CHECK(path != NULL);
    file = fopen(path, "r");
    CHECK(file != NULL);
    while (fgets(line, sizeof line, file) != NULL) {
        fe_candidate found[32];
        const char *names[32];
        char joined[512] = "";
        char *tab = strchr(line, '\t');
        char *newline = strchr(line, '\n');
        size_t n, i, kept = 0;
        if (tab == NULL) {
            fclose(file);
            CHECK(tab != NULL);
        }
        *tab = '\0';
        if (newline != NULL) {
            *newline = '\0';
        }
        n = fe_resolve(line, found, 32);
        if (n > 32) {
            fclose(file);
            CHECK(n <= 32);
        }
        for (i = 0; i < n; i++) {
            const char *name = fe_family_name(found[i].entry->family);
            size_t k;
            int seen = 0;
            for (k = 0; k < kept; k++) {
                seen |= strcmp(names[k], name) == 0;
            }
            if (!seen) {
                names[kept++] = name;
            }
        }
        qsort(names, kept, sizeof names[0], compare_name_pointers);
        for (i = 0; i < kept; i++) {
            if (i > 0) {
                strcat(joined, ",");
            }
            strcat(joined, names[i]);
        }
        if (strcmp(joined, tab + 1) != 0) {
            fprintf(stderr, "  %s: fe_resolve gives %s, the table says %s\n", line, joined, tab + 1);
            fclose(file);
            return 0;
        }
        lines++;
    }
    fclose(file);
    CHECK(lines > 50);
    return 1;
}

static int test_near_misses_answer_nothing(void) {
    size_t n;
    /* Under valgrind every call is ~50 times slower: there, a sample of every 16th name. */
    size_t step = getenv("FE_CTEST_SAMPLE") != NULL ? 16 : 1;
    CHECK(collect_names());
    CHECK(name_count > 400);
    near_misses_checked = 0;
    for (n = 0; n < name_count; n += step) {
        const char *name = names[n];
        size_t len = strlen(name), i;
        char buf[NAME_MAX_LEN + 2];
        int k;
        for (i = 0; i < len; i++) {
            for (k = 0; k < MUTATION_BYTES; k++) {
                if (mutation_byte(k) == (unsigned char)name[i]) continue;
                memcpy(buf, name, len + 1);
                buf[i] = (char)mutation_byte(k);
                CHECK(check_candidate(buf, name));
            }
            /* deletion */
            memcpy(buf, name, i);
            memcpy(buf + i, name + i + 1, len - i);
            CHECK(check_candidate(buf, name));
            /* adjacent transposition */
            if (i + 1 < len && name[i] != name[i + 1]) {
                memcpy(buf, name, len + 1);
                buf[i] = name[i + 1];
                buf[i + 1] = name[i];
                CHECK(check_candidate(buf, name));
            }
        }
        for (i = 0; i <= len; i++) {
            for (k = 0; k < MUTATION_BYTES; k++) {
                memcpy(buf, name, i);
                buf[i] = (char)mutation_byte(k);
                memcpy(buf + i + 1, name + i, len - i + 1);
                CHECK(check_candidate(buf, name));
            }
        }
    }
    CHECK(near_misses_checked > 100000 / step);
    return 1;
}

static const char OUT_OF_SERVICE[] =
    "<ApiErrors><ApiError><ErrorType>Service Unavailable</ErrorType>"
    "<ErrorMessage>SERVER_OUT_OF_SERVICE</ErrorMessage></ApiError></ApiErrors>";
static const char BAD_CREDENTIALS[] =
    "<ApiErrors><ApiError><ErrorType>Authentication Failure</ErrorType>"
    "<ErrorMessage>Bad credentials</ErrorMessage></ApiError></ApiErrors>";
static const char IN_SERVICE[] = "<SystemInfo><status>IN_SERVICE</status></SystemInfo>";

/* A 503 OUT_OF_SERVICE opens node 0's breaker; the retry goes to node 1 after a probe; new
 * requests are routed to node 1; a probe of node 0 that says IN_SERVICE closes it again. */
static int test_resilience_fail_over(void) {
    fe_budget *budget = fe_budget_new(NULL);
    fe_nodes *nodes = fe_nodes_new(2);
    fe_request *request = fe_request_begin(budget, nodes, "put", 7);
    fe_decision d;
    uint32_t admission = 99;
    uint64_t wait_ms = 99;
    int ok = 0;
    if (budget == NULL || nodes == NULL || request == NULL) goto done;
    if (fe_request_node(request) != 0) goto done;
    d = fe_request_decide(request, FE_TRANSPORT_RESPONSE, 503, NULL,
                          (const uint8_t *)OUT_OF_SERVICE, strlen(OUT_OF_SERVICE), -1);
    if (!d.retry || !d.probe || d.node != 1 || d.why_id != FE_WHY_FAIL_OVER) goto done;
    if (d.why == NULL || strcmp(d.why, "fail_over") != 0) goto done;
    if (fe_nodes_state(nodes, 0) != FE_BREAKER_STATE_OPEN) goto done;
    if (fe_budget_tokens(budget) != 495.0) goto done;
    if (!fe_nodes_record_probe(nodes, 1, (const uint8_t *)IN_SERVICE, strlen(IN_SERVICE))) goto done;
    d = fe_request_decide(request, FE_TRANSPORT_RESPONSE, 202, NULL, NULL, 0, -1);
    if (d.retry || d.why_id != FE_WHY_SUCCESS) goto done;
    if (fe_nodes_route(nodes, &admission, &wait_ms) != 1) goto done;
    if (admission != FE_ADMISSION_SEND || wait_ms != 0) goto done;
    if (!fe_nodes_record_probe(nodes, 0, (const uint8_t *)IN_SERVICE, strlen(IN_SERVICE))) goto done;
    if (fe_nodes_state(nodes, 0) != FE_BREAKER_STATE_CLOSED) goto done;
    ok = 1;
done:
    fe_request_free(request);
    fe_nodes_free(nodes);
    fe_budget_free(budget);
    CHECK(ok);
    return 1;
}

/* Harmful and unknown-outcome verdicts are not retried; the budget's presets and refusals. */
static int test_resilience_refusals(void) {
    fe_budget_config config = fe_budget_config_grpc(10.0, 0.1);
    fe_budget *budget = fe_budget_new(&config);
    fe_nodes *nodes = fe_nodes_new(2);
    fe_request *signin = fe_request_begin(budget, nodes, "PUT", 1);
    fe_request *write = fe_request_begin(budget, nodes, "POST", 2);
    fe_decision d;
    int ok = 0;
    int i;
    if (config.floor != 5.0 || fe_budget_config_aws().capacity != 500.0) goto done;
    if (signin == NULL || write == NULL) goto done;
    d = fe_request_decide(signin, FE_TRANSPORT_RESPONSE, 401, NULL,
                          (const uint8_t *)BAD_CREDENTIALS, strlen(BAD_CREDENTIALS), 1);
    if (d.retry || d.why_id != FE_WHY_HARMFUL) goto done;
    d = fe_request_decide(write, FE_TRANSPORT_TIMED_OUT, 0, NULL, NULL, 0, -1);
    if (d.retry || d.why_id != FE_WHY_OUTCOME_UNKNOWN) goto done;
    d = fe_request_decide(write, FE_TRANSPORT_TIMED_OUT, 0, NULL, NULL, 0, 0);
    if (d.retry || d.why_id != FE_WHY_NO_LONGER_NEEDED) goto done;
    /* gRPC counts failures: 10 tokens, 4 failures so far leave 6, above the floor of 5. */
    d = fe_request_decide(write, FE_TRANSPORT_TIMED_OUT, 0, NULL, NULL, 0, 1);
    if (!d.retry) goto done;
    /* The fifth failure leaves 5: at the floor, no retry. */
    d = fe_request_decide(write, FE_TRANSPORT_TIMED_OUT, 0, NULL, NULL, 0, 1);
    if (d.retry || d.why_id != FE_WHY_BUDGET_EXHAUSTED) goto done;
    if (fe_budget_tokens(budget) != 5.0 || fe_budget_withdraw(budget, false)) goto done;
    for (i = 0; i < 10; i++) fe_budget_deposit(budget);
    if (!fe_budget_withdraw(budget, true)) goto done;
    ok = 1;
done:
    fe_request_free(signin);
    fe_request_free(write);
    fe_nodes_free(nodes);
    fe_budget_free(budget);
    CHECK(ok);
    return 1;
}

static int test_resilience_bad_input(void) {
    fe_budget *budget = fe_budget_new(NULL);
    fe_nodes *nodes = fe_nodes_new(1);
    fe_decision d;
    uint32_t admission = 0;
    CHECK(fe_nodes_new(0) == NULL);
    CHECK(fe_nodes_new(FE_MAX_NODES + 1) == NULL);
    CHECK(fe_request_begin(budget, nodes, "PATCH", 0) == NULL);
    CHECK(fe_request_begin(budget, nodes, NULL, 0) == NULL);
    CHECK(fe_request_begin(NULL, nodes, "GET", 0) == NULL);
    CHECK(fe_request_begin(budget, NULL, "GET", 0) == NULL);
    CHECK(fe_request_begin(budget, nodes, "\xff\xfe", 0) == NULL);
    CHECK(fe_nodes_state(nodes, 1) == UINT32_MAX);
    CHECK(fe_nodes_state(NULL, 0) == UINT32_MAX);
    CHECK(!fe_nodes_trip(nodes, 5));
    CHECK(!fe_nodes_record_probe(nodes, 0, NULL, 100));
    CHECK(fe_nodes_route(NULL, &admission, NULL) == SIZE_MAX);
    CHECK(fe_nodes_route(nodes, NULL, NULL) == 0);
    CHECK(fe_budget_tokens(NULL) == 0.0);
    CHECK(!fe_budget_withdraw(NULL, false));
    fe_budget_deposit(NULL);
    d = fe_request_decide(NULL, FE_TRANSPORT_RESPONSE, 503, NULL, NULL, 0, -1);
    CHECK(!d.retry && d.why_id == FE_WHY_GAVE_UP);
    CHECK(fe_request_node(NULL) == SIZE_MAX);
    CHECK_STR(fe_why_name(FE_WHY_BUDGET_EXHAUSTED), "budget_exhausted");
    CHECK(fe_why_name(FE_WHY_COUNT) == NULL);
    fe_request_free(NULL);
    fe_nodes_free(nodes);
    fe_budget_free(budget);
    fe_nodes_free(NULL);
    fe_budget_free(NULL);
    return 1;
}

/* ---- fe_scan / fe_scanner: the Rust scanner's matches, whatever the chunk sizes ---- */

#define SCAN_LINE_MAX 2048

/* The matches one run collected, each formatted as in FE_SCAN_EXPECTED. */
struct scan_run {
    char (*lines)[SCAN_LINE_MAX];
    size_t count;
    size_t capacity;
    const unsigned char *input;
    size_t input_len;
    int bad; /* a match whose pointers disagree with the input */
};

static bool collect_match(const fe_scan_match *m, void *user) {
    struct scan_run *run = user;
    char *out;
    size_t used;
    size_t i;
    size_t text_len;
    if (run->count == run->capacity) {
        run->bad = 1;
        return false;
    }
    text_len = m->span_end - m->span_start;
    /* The borrowed line and text are the input's bytes at their offsets. */
    if (m->span_end > m->line_len || m->span_start > m->span_end ||
        m->offset != m->line_offset + m->span_start || m->line_offset + m->line_len > run->input_len ||
        memcmp(run->input + m->line_offset, m->line, m->line_len) != 0 ||
        memchr(m->line, '\n', m->line_len) != NULL || m->how_id >= FE_HOW_COUNT ||
        m->entry_count > 16 || (m->entry_count > 0 && m->entries == NULL)) {
        run->bad = 1;
    }
    if ((m->finding_id == FE_FINDING_DIAGNOSIS) != (m->summary != NULL) ||
        (m->summary != NULL && m->summary_len == 0)) {
        run->bad = 1;
    }
    out = run->lines[run->count++];
    used = (size_t)snprintf(out, SCAN_LINE_MAX, "%llu\t%llu\t%lu\t%s\t%u\t",
                            (unsigned long long)m->line_number, (unsigned long long)m->offset,
                            (unsigned long)text_len, fe_how_name(m->how_id),
                            (unsigned)m->finding_id);
    if (m->finding_id == FE_FINDING_UNKNOWN) {
        used += (size_t)snprintf(out + used, SCAN_LINE_MAX - used, "?%s",
                                 fe_family_name(m->unknown_family));
    }
    for (i = 0; i < m->entry_count && used < SCAN_LINE_MAX; i++) {
        const fe_error *e = m->entries[i];
        char code[16] = "-";
        if (e->has_code) {
            snprintf(code, sizeof code, "%ld", (long)e->code);
        }
        used += (size_t)snprintf(out + used, SCAN_LINE_MAX - used, "%s%s:%s:%s",
                                 i == 0 ? "" : ",", fe_family_name(e->family), e->symbol, code);
    }
    return true;
}

static unsigned long long scan_seed = 0x9e3779b97f4a7c15ULL;

static size_t random_below(size_t n) {
    scan_seed = scan_seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return (size_t)((scan_seed >> 33) % n);
}

static unsigned char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    unsigned char *data;
    long size;
    if (f == NULL) {
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    fseek(f, 0, SEEK_SET);
    data = malloc(size > 0 ? (size_t)size : 1);
    if (data != NULL && fread(data, 1, (size_t)size, f) != (size_t)size) {
        free(data);
        data = NULL;
    }
    fclose(f);
    *len = (size_t)size;
    return data;
}

/* Feeds `data` in chunks of 1 to max_chunk bytes (random; 0: in one fe_scan call) and checks
 * the matches equal `want` (count lines). */
static int scan_and_compare(const unsigned char *data, size_t len, char (*want)[SCAN_LINE_MAX],
                            size_t count, size_t max_chunk, const char *path) {
    struct scan_run run;
    size_t i;
    size_t reported = 0;
    memset(&run, 0, sizeof run);
    run.capacity = count + 1;
    run.lines = calloc(run.capacity, SCAN_LINE_MAX);
    run.input = data;
    run.input_len = len;
    CHECK(run.lines != NULL);
    if (max_chunk == 0) {
        reported = fe_scan(data, len, collect_match, &run);
    } else {
        fe_scanner *scanner = fe_scanner_new();
        size_t pos = 0;
        CHECK(scanner != NULL);
        while (pos < len) {
            size_t take = 1 + random_below(max_chunk);
            if (take > len - pos) {
                take = len - pos;
            }
            reported += fe_scanner_feed(scanner, data + pos, take, collect_match, &run);
            pos += take;
        }
        reported += fe_scanner_finish(scanner, collect_match, &run);
        fe_scanner_free(scanner);
    }
    for (i = 0; i < count && i < run.count; i++) {
        if (strcmp(run.lines[i], want[i]) != 0) {
            fprintf(stderr, "  %s (chunks up to %lu): match %lu is\n    %s\n  expected\n    %s\n",
                    path, (unsigned long)max_chunk, (unsigned long)i, run.lines[i], want[i]);
            break;
        }
    }
    if (run.count != count) {
        fprintf(stderr, "  %s (chunks up to %lu): %lu matches, expected %lu\n", path,
                (unsigned long)max_chunk, (unsigned long)run.count, (unsigned long)count);
    }
    free(run.lines);
    CHECK(!run.bad);
    CHECK(i == count && run.count == count && reported == count);
    return 1;
}

/* One input of FE_SCAN_EXPECTED: scanned whole and in random chunk sizes. */
static int check_scan_input(const char *path, char (*want)[SCAN_LINE_MAX], size_t count,
                            size_t *inputs) {
    static const size_t max_chunks[] = {0, 1, 7, 64, 4096, 100000};
    size_t len = 0;
    unsigned char *data = read_file(path, &len);
    size_t rounds = getenv("FE_CTEST_SAMPLE") != NULL ? 1 : 3;
    size_t k;
    size_t r;
    int ok = 1;
    CHECK(data != NULL);
    for (k = 0; ok && k < sizeof max_chunks / sizeof max_chunks[0]; k++) {
        /* One-byte chunks over the long input only once: a window is re-read per byte. */
        if (max_chunks[k] == 1 && len > 20000) {
            continue;
        }
        for (r = 0; ok && r < (max_chunks[k] == 0 ? 1 : rounds); r++) {
            ok = scan_and_compare(data, len, want, count, max_chunks[k], path);
        }
    }
    free(data);
    (*inputs)++;
    return ok;
}

static int test_scan_finds_what_rust_finds_in_any_chunks(void) {
    const char *path = getenv("FE_SCAN_EXPECTED");
    FILE *f;
    static char line[SCAN_LINE_MAX];
    static char current[1024];
    char (*want)[SCAN_LINE_MAX];
    size_t count = 0;
    size_t capacity = 4096;
    size_t inputs = 0;
    size_t total = 0;
    int ok = 1;
    CHECK(path != NULL);
    f = fopen(path, "r");
    CHECK(f != NULL);
    want = calloc(capacity, SCAN_LINE_MAX);
    CHECK(want != NULL);
    current[0] = '\0';
    while (ok && fgets(line, sizeof line, f) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, "file\t", 5) == 0) {
            if (current[0] != '\0') {
                ok = check_scan_input(current, want, count, &inputs);
            }
            snprintf(current, sizeof current, "%s", line + 5);
            total += count;
            count = 0;
        } else if (count < capacity) {
            memcpy(want[count++], line, SCAN_LINE_MAX);
        } else {
            ok = 0;
        }
    }
    if (ok && current[0] != '\0') {
        ok = check_scan_input(current, want, count, &inputs);
        total += count;
    }
    fclose(f);
    free(want);
    CHECK(ok);
    CHECK(inputs >= 9 && total > 30);
    return 1;
}

static bool stop_at_first(const fe_scan_match *m, void *user) {
    (void)m;
    (*(int *)user)++;
    return false;
}

static int test_scan_bad_input_and_stopping(void) {
    static const char log[] = "x E_CTI_TIMEOUT\ny CF_INVALID_AGENT_WORKMODE\n0x8CCC00 colour\n";
    fe_scanner *scanner = fe_scanner_new();
    int calls = 0;
    CHECK(fe_scan(NULL, 10, collect_match, NULL) == 0);
    CHECK(fe_scan(NULL, 0, NULL, NULL) == 0);
    CHECK(fe_scan((const unsigned char *)log, strlen(log), NULL, NULL) == 2);
    CHECK(fe_scanner_feed(NULL, (const unsigned char *)log, 3, NULL, NULL) == 0);
    CHECK(fe_scanner_finish(NULL, NULL, NULL) == 0);
    fe_scanner_free(NULL);
    CHECK(fe_how_name(FE_HOW_COUNT) == NULL);
    CHECK_STR(fe_how_name(FE_HOW_HEX), "hex");
    /* false stops the callbacks for the rest of the input; finish starts a new one. */
    CHECK(scanner != NULL);
    CHECK(fe_scanner_feed(scanner, (const unsigned char *)log, strlen(log), stop_at_first,
                          &calls) == 1);
    CHECK(fe_scanner_feed(scanner, (const unsigned char *)log, strlen(log), stop_at_first,
                          &calls) == 0);
    CHECK(fe_scanner_finish(scanner, stop_at_first, &calls) == 0);
    CHECK(calls == 1);
    CHECK(fe_scanner_feed(scanner, (const unsigned char *)log, strlen(log), NULL, NULL) == 2);
    fe_scanner_free(scanner);
    return 1;
}

static int test_pg_status_flags(void) {
    const fe_error *out[32];
    uint32_t unknown = 7;
    size_t n = fe_pg_status_flags(0x3, out, 32, &unknown);
    CHECK(n == 2);
    CHECK(unknown == 0);
    CHECK(entry_is_well_formed(out[0]) && entry_is_well_formed(out[1]));
    CHECK_STR(out[0]->symbol, "PGS_OPC_DOWN");
    CHECK_STR(out[1]->symbol, "PGS_CC_DOWN");
    CHECK(out[0]->family == FE_FAMILY_CTI_PG_STATUS && out[0]->code == 1);
    CHECK(out[0] == fe_lookup(FE_FAMILY_CTI_PG_STATUS, 1));
    CHECK(out[1] == fe_lookup(FE_FAMILY_CTI_PG_STATUS, 2));

    n = fe_pg_status_flags(0x80000001u, out, 32, &unknown);
    CHECK(n == 1);
    CHECK(unknown == 0x80000000u);
    CHECK_STR(out[0]->symbol, "PGS_OPC_DOWN");

    unknown = 7;
    CHECK(fe_pg_status_flags(0, out, 32, &unknown) == 0);
    CHECK(unknown == 0);
    return 1;
}

static int test_pg_status_flags_bad_input(void) {
    const fe_error *out[1] = {NULL};
    uint32_t unknown = 0;
    /* Counting: NULL array, no unknown_bits. */
    CHECK(fe_pg_status_flags(0x3, NULL, 0, NULL) == 2);
    CHECK(fe_pg_status_flags(0x3, NULL, 5, NULL) == 2);
    /* A short array gets what fits; the count is still the whole. */
    CHECK(fe_pg_status_flags(0x3, out, 1, NULL) == 2);
    CHECK_STR(out[0]->symbol, "PGS_OPC_DOWN");
    /* Every bit set: each named flag once, the rest reported unknown, nothing overlaps. */
    {
        const fe_error *all[32];
        uint32_t named = 0;
        size_t i;
        size_t n = fe_pg_status_flags(0xFFFFFFFFu, all, 32, &unknown);
        CHECK(n > 0 && n <= 32);
        for (i = 0; i < n; i++) {
            CHECK(entry_is_well_formed(all[i]));
            CHECK(all[i]->family == FE_FAMILY_CTI_PG_STATUS);
            CHECK(((uint32_t)all[i]->code & named) == 0);
            named |= (uint32_t)all[i]->code;
        }
        CHECK((named & unknown) == 0);
        CHECK((named | unknown) == 0xFFFFFFFFu);
    }
    return 1;
}

static int test_cdr_cause(void) {
    fe_cdr_cause_t c;
    CHECK(fe_cdr_cause(0x46000011u, &c));
    CHECK(c.value == 0x46000011u);
    CHECK(c.composite);
    CHECK(c.sip_index == 0x46);
    CHECK(c.has_sip_status && c.sip_status == 486);
    CHECK(c.sip_basis == FE_SIP_BASIS_LISTED);
    CHECK(entry_is_well_formed(c.entry));
    CHECK_STR(c.entry->symbol, "CCM_SIP_486_BUSY_HERE");
    CHECK(c.entry->family == FE_FAMILY_CUCM_CDR_CAUSE);
    CHECK(entry_is_well_formed(c.q850));
    CHECK(c.q850->has_code && c.q850->code == 17);

    CHECK(fe_cdr_cause(0x4600001Fu, &c));
    CHECK(c.entry == NULL);
    CHECK(c.composite && c.has_sip_status && c.sip_status == 486);
    CHECK(c.sip_basis == FE_SIP_BASIS_LISTED);
    CHECK(c.q850 != NULL && c.q850->code == 31);

    CHECK(fe_cdr_cause(16, &c));
    CHECK(!c.composite);
    CHECK(c.sip_index == 0 && !c.has_sip_status && c.sip_status == 0);
    CHECK(c.q850 == NULL);
    CHECK(c.entry == fe_lookup(FE_FAMILY_CUCM_CDR_CAUSE, 16));
    CHECK(c.entry != NULL);
    return 1;
}

static int test_cdr_cause_bad_input(void) {
    fe_cdr_cause_t c;
    CHECK(!fe_cdr_cause(0x46000011u, NULL));
    /* Bits 8-23 set: no composite, whatever the high byte. */
    CHECK(fe_cdr_cause(0x46000111u, &c));
    CHECK(!c.composite && !c.has_sip_status && c.q850 == NULL);
    /* Every value decodes; a SIP status is always in 400-699 when present. */
    CHECK(fe_cdr_cause(0xFFFFFFFFu, &c));
    CHECK(c.value == 0xFFFFFFFFu);
    CHECK(!c.has_sip_status || (c.sip_status >= 400 && c.sip_status < 700));
    CHECK(c.sip_basis == FE_SIP_BASIS_LISTED || c.sip_basis == FE_SIP_BASIS_PATTERN);
    return 1;
}

static int test_dialer_facts(void) {
    fe_dialer_facts_t f;
    CHECK(fe_dialer_facts(9, &f));
    CHECK(f.call_result == 9);
    CHECK(f.has_counted_attempt && f.counted_attempt);
    CHECK(f.has_live_voice && !f.live_voice);
    CHECK(f.has_action && f.action_id == FE_DIALER_ACTION_BUSY_RETRY);
    CHECK_STR(f.action, "busy_retry");
    CHECK(f.action == fe_dialer_action_name(FE_DIALER_ACTION_BUSY_RETRY));
    CHECK(entry_is_well_formed(f.entry));
    CHECK_STR(f.entry->symbol, "BUSY");
    CHECK(f.entry == fe_lookup(FE_FAMILY_DIALER_CALL_RESULT, 9));

    /* ABANDON: live voice, dialed again by the Dialer Abandoned rule. */
    CHECK(fe_dialer_facts(16, &f));
    CHECK(f.has_live_voice && f.live_voice);
    CHECK(f.action_id == FE_DIALER_ACTION_DIALER_ABANDONED_RETRY);
    CHECK_STR(f.entry->symbol, "ABANDON");

    /* 2: not counted, closed. */
    CHECK(fe_dialer_facts(2, &f));
    CHECK(f.has_counted_attempt && !f.counted_attempt);
    CHECK(f.has_action && f.action_id == FE_DIALER_ACTION_CLOSED);

    /* 0: not yet dialed; Cisco's columns are blank, which is not "no". */
    CHECK(fe_dialer_facts(0, &f));
    CHECK(!f.has_counted_attempt && !f.counted_attempt);
    CHECK(!f.has_live_voice && !f.live_voice);
    CHECK(!f.has_action && f.action == NULL && f.action_id == FE_DIALER_ACTION_NONE);
    CHECK(entry_is_well_formed(f.entry) && f.entry->code == 0);
    return 1;
}

static int test_dialer_facts_bad_input(void) {
    fe_dialer_facts_t f;
    memset(&f, 0x5A, sizeof f);
    CHECK(!fe_dialer_facts(9, NULL));
    /* 1 is no CallResult: false, and nothing written. */
    CHECK(!fe_dialer_facts(1, &f));
    CHECK(!fe_dialer_facts(INT32_MIN, &f));
    CHECK(!fe_dialer_facts(INT32_MAX, &f));
    CHECK(!fe_dialer_facts(-1, &f));
    CHECK(f.call_result == 0x5A5A5A5A);
    CHECK(fe_dialer_action_name(FE_DIALER_ACTION_COUNT) == NULL);
    CHECK(fe_dialer_action_name(UINT32_MAX) == NULL);
    CHECK_STR(fe_dialer_action_name(FE_DIALER_ACTION_NONE), "none");
    CHECK_STR(fe_dialer_action_name(FE_DIALER_ACTION_RETURNED_TO_PENDING), "returned_to_pending");
    return 1;
}

/* The tab-separated fields of a line, empty ones kept; returns how many (at most max). */
static size_t split_tabs(char *line, char **fields, size_t max) {
    size_t n = 0;
    char *p = line;
    while (n < max) {
        char *tab = strchr(p, '\t');
        fields[n++] = p;
        if (tab == NULL) {
            break;
        }
        *tab = '\0';
        p = tab + 1;
    }
    return n;
}

/* A yes / no / - column of dialer_call_result.csv against a has_ flag and its value. */
static int same_tristate(const char *want, bool has, bool value) {
    if (strcmp(want, "-") == 0) {
        return !has && !value;
    }
    return has && value == (strcmp(want, "yes") == 0) &&
           (strcmp(want, "yes") == 0 || strcmp(want, "no") == 0);
}

#define DIALER_ROWS_MAX 256
#define DIALER_LINE_MAX 512

/* The sip lines of FE_DIALER_EXPECTED, split, for test_dialer_sip_map_matches_the_data. */
struct sip_row {
    long status;
    long cause;
    bool check;
    char state[64];
    long result;
    char note[DIALER_LINE_MAX];
};

/* Every row of data/dialer_call_result.csv (through FE_DIALER_EXPECTED, written by
   capi/tests/c_api.rs) has these facts, and every row of data/dialer_sip_map.csv is one of
   the rows given for its pair, which has as many rows as the file. */
static int test_dialer_matches_the_data(void) {
    const char *path = getenv("FE_DIALER_EXPECTED");
    static char line[DIALER_LINE_MAX];
    static struct sip_row rows[DIALER_ROWS_MAX];
    size_t nrows = 0;
    size_t facts = 0;
    size_t i;
    size_t j;
    int32_t code;
    FILE *f;
    CHECK(path != NULL);
    f = fopen(path, "r");
    CHECK(f != NULL);
    while (fgets(line, sizeof line, f) != NULL) {
        char *field[8];
        size_t n;
        line[strcspn(line, "\n")] = '\0';
        n = split_tabs(line, field, 8);
        if (strcmp(field[0], "facts") == 0) {
            fe_dialer_facts_t got;
            if (n != 5) {
                fclose(f);
                CHECK(n == 5);
            }
            code = (int32_t)strtol(field[1], NULL, 10);
            if (!fe_dialer_facts(code, &got) || got.call_result != code ||
                !same_tristate(field[2], got.has_counted_attempt, got.counted_attempt) ||
                !same_tristate(field[3], got.has_live_voice, got.live_voice) ||
                (strcmp(field[4], "-") == 0
                     ? (got.has_action || got.action != NULL)
                     : (!got.has_action || got.action == NULL ||
                        strcmp(got.action, field[4]) != 0 ||
                        got.action != fe_dialer_action_name(got.action_id))) ||
                got.entry == NULL || got.entry != fe_lookup(FE_FAMILY_DIALER_CALL_RESULT, code)) {
                fprintf(stderr, "  CallResult %ld: expected %s %s %s\n", (long)code, field[2],
                        field[3], field[4]);
                fclose(f);
                return 0;
            }
            facts++;
        } else if (strcmp(field[0], "sip") == 0 && nrows < DIALER_ROWS_MAX) {
            struct sip_row *r = &rows[nrows++];
            if (n != 7) {
                fclose(f);
                CHECK(n == 7);
            }
            r->status = strtol(field[1], NULL, 10);
            r->cause = strtol(field[2], NULL, 10);
            r->check = strcmp(field[3], "true") == 0;
            snprintf(r->state, sizeof r->state, "%s", field[4]);
            r->result = strtol(field[5], NULL, 10);
            snprintf(r->note, sizeof r->note, "%s", field[6]);
        }
    }
    fclose(f);
    CHECK(facts == 33);
    CHECK(nrows == 88);
    for (i = 0; i < nrows; i++) {
        const struct sip_row *want = &rows[i];
        uint16_t status = (uint16_t)want->status;
        uint8_t cause = (uint8_t)want->cause;
        size_t same_pair = 0;
        size_t count = fe_dialer_sip_count(status, cause);
        bool found = false;
        for (j = 0; j < nrows; j++) {
            same_pair += rows[j].status == want->status && rows[j].cause == want->cause;
        }
        if (count != same_pair) {
            fprintf(stderr, "  SIP %ld/%ld: %lu rows, expected %lu\n", want->status, want->cause,
                    (unsigned long)count, (unsigned long)same_pair);
            return 0;
        }
        for (j = 0; j < count && !found; j++) {
            fe_sip_mapping m;
            CHECK(fe_dialer_sip_at(status, cause, j, &m));
            CHECK(m.sip_status == status && m.q850_cause == cause);
            CHECK(m.call_state != NULL && m.note != NULL);
            CHECK(m.has_facts && m.facts.call_result == m.call_result);
            CHECK(entry_is_well_formed(m.entry) && m.entry == m.facts.entry);
            CHECK(m.entry->has_code && m.entry->code == m.call_result);
            found = m.call_result == want->result && m.check_call_state == want->check &&
                    strcmp(m.call_state, want->state) == 0 && strcmp(m.note, want->note) == 0;
        }
        if (!found) {
            fprintf(stderr, "  SIP %ld/%ld: no row with CallResult %ld in %s\n", want->status,
                    want->cause, want->result, want->state);
            return 0;
        }
    }
    return 1;
}

static int test_dialer_sip_map(void) {
    fe_sip_mapping m;
    size_t i;
    size_t n = fe_dialer_sip_count(486, 17);
    bool saw_29 = false;
    bool saw_13 = false;
    CHECK(n >= 1);
    for (i = 0; i < n; i++) {
        CHECK(fe_dialer_sip_at(486, 17, i, &m));
        CHECK(m.call_result == 9);
        CHECK_STR(m.entry->symbol, "BUSY");
        CHECK(m.facts.has_action && m.facts.action_id == FE_DIALER_ACTION_BUSY_RETRY);
        CHECK_STR(m.call_state, "CS_NONE");
    }
    /* The conflict Cisco prints: 422 with cause 100 maps to two results; both are given. */
    n = fe_dialer_sip_count(422, 100);
    CHECK(n >= 2);
    for (i = 0; i < n; i++) {
        CHECK(fe_dialer_sip_at(422, 100, i, &m));
        saw_29 = saw_29 || m.call_result == 29;
        saw_13 = saw_13 || m.call_result == 13;
    }
    CHECK(saw_29 && saw_13);
    /* A note of ours: cause 120 is no CDR cause. */
    CHECK(fe_dialer_sip_count(408, 120) == 1);
    CHECK(fe_dialer_sip_at(408, 120, 0, &m));
    CHECK(m.call_result == 6 && strlen(m.note) > 0);
    return 1;
}

static int test_dialer_sip_map_bad_input(void) {
    fe_sip_mapping m;
    memset(&m, 0x5A, sizeof m);
    /* Pairs Cisco does not map: no rows, no default. */
    CHECK(fe_dialer_sip_count(299, 1) == 0);
    CHECK(fe_dialer_sip_count(0, 0) == 0);
    CHECK(fe_dialer_sip_count(UINT16_MAX, UINT8_MAX) == 0);
    CHECK(!fe_dialer_sip_at(299, 1, 0, &m));
    CHECK(!fe_dialer_sip_at(486, 17, fe_dialer_sip_count(486, 17), &m));
    CHECK(!fe_dialer_sip_at(486, 17, SIZE_MAX, &m));
    CHECK(m.sip_status == 0x5A5A && m.call_result == 0x5A5A5A5A);
    CHECK(!fe_dialer_sip_at(486, 17, 0, NULL));
    return 1;
}

struct test {
    const char *name;
    int (*run)(void);
};

#define TEST(fn) { #fn, fn }

static const struct test tests[] = {
    TEST(test_version),
    TEST(test_resolve),
    TEST(test_ambiguous_keys_list_every_family),
    TEST(test_every_bare_constant_resolves),
    TEST(test_lookup),
    TEST(test_lookup_returns_the_same_entry),
    TEST(test_lookup_unknown_code),
    TEST(test_lookup_unknown_family),
    TEST(test_lookup_symbol),
    TEST(test_lookup_symbol_null),
    TEST(test_lookup_symbol_invalid_utf8),
    TEST(test_lookup_symbol_unknown),
    TEST(test_finesse_error),
    TEST(test_finesse_error_bad_input),
    TEST(test_constants_match_the_library),
    TEST(test_iteration_covers_every_entry),
    TEST(test_count_unknown_family),
    TEST(test_entry_bad_input),
    TEST(test_vocabulary_names_unknown_values),
    TEST(test_retry_is_retryable),
    TEST(test_unified_cm_codes_in_every_form),
    TEST(test_ctios_codes),
    TEST(test_reason_codes_per_platform),
    TEST(test_evidence_and_twins),
    TEST(test_xmpp_conditions),
    TEST(test_recovery_plans),
    TEST(test_near_misses_answer_nothing),
    TEST(test_resilience_fail_over),
    TEST(test_resilience_refusals),
    TEST(test_resilience_bad_input),
    TEST(test_scan_finds_what_rust_finds_in_any_chunks),
    TEST(test_scan_bad_input_and_stopping),
    TEST(test_pg_status_flags),
    TEST(test_pg_status_flags_bad_input),
    TEST(test_cdr_cause),
    TEST(test_cdr_cause_bad_input),
    TEST(test_dialer_facts),
    TEST(test_dialer_facts_bad_input),
    TEST(test_dialer_matches_the_data),
    TEST(test_dialer_sip_map),
    TEST(test_dialer_sip_map_bad_input),
};

int main(void) {
    size_t i;
    int passed = 0;
    int failed = 0;
    for (i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        if (tests[i].run()) {
            passed++;
            printf("ok   %s\n", tests[i].name);
        } else {
            failed++;
            printf("FAIL %s\n", tests[i].name);
        }
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}

/*
 * pkilab header check: proves that C arrays exported for firmware (`pkilab export --c-array`,
 * the layout of mbedTLS's own test certificates, 2.28 library/certs.c) load in mbedTLS exactly as the
 * firmware would load them.
 *
 * Compiled by test/helpers/mbedtls.ts (compileHeaderCheck) with two macros:
 *   -DPKILAB_HEADER='"/path/to/exported.h"'   the header to test (plus, when the export is split
 *                                              into .h + .c, that .c file compiled alongside);
 *   -DPKILAB_ARRAYS='CRT(dev_ca_pem) CRT_DER(dev_ca_der) KEY(dev_key_pem)'
 *       one entry per array: CRT = mbedtls_x509_crt_parse(), CRT_DER = mbedtls_x509_crt_parse_der(),
 *       KEY = mbedtls_pk_parse_key(). Each uses the array NAME and its length NAME_len, as the
 *       exported header defines them (`const size_t NAME_len = sizeof(NAME);`).
 * An X-macro list on the command line keeps this one fixed file: nothing is generated at test time.
 *
 * Output, one line per array:  parse NAME ret=0 count=2 len=1234  |  parse NAME ret=0 type=EC bits=256 len=241
 * Exit: 0 when every parse returned 0, else 1.
 */
#include "mbedtls/version.h" /* pulls in the library configuration in both versions */
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
#include "mbedtls/build_info.h"
#elif defined(MBEDTLS_CONFIG_FILE)
#include MBEDTLS_CONFIG_FILE
#else
#include "mbedtls/config.h"
#endif
#include "mbedtls/ctr_drbg.h"
#include "mbedtls/entropy.h"
#include "mbedtls/pk.h"
#include "mbedtls/x509_crt.h"
#if MBEDTLS_VERSION_NUMBER >= 0x03000000 && defined(MBEDTLS_PSA_CRYPTO_C)
#include "psa/crypto.h"
#endif

#include <stdio.h>

#include PKILAB_HEADER

static mbedtls_entropy_context entropy;
static mbedtls_ctr_drbg_context drbg;

static const char *code(int ret)
{
    static char buf[24];
    if (ret < 0) snprintf(buf, sizeof(buf), "-0x%04X", (unsigned) -ret);
    else snprintf(buf, sizeof(buf), "%d", ret);
    return buf;
}

static int check_crt(const char *name, const unsigned char *buf, size_t len, int der_only)
{
    mbedtls_x509_crt chain;
    const mbedtls_x509_crt *c;
    int ret, count = 0;
    mbedtls_x509_crt_init(&chain);
    ret = der_only ? mbedtls_x509_crt_parse_der(&chain, buf, len) : mbedtls_x509_crt_parse(&chain, buf, len);
    for (c = &chain; c != NULL && c->raw.len > 0; c = c->next) count++;
    printf("parse %s ret=%s count=%d len=%lu\n", name, code(ret), count, (unsigned long) len);
    mbedtls_x509_crt_free(&chain);
    return ret != 0;
}

static int check_key(const char *name, const unsigned char *buf, size_t len)
{
    mbedtls_pk_context key;
    int ret;
    mbedtls_pk_init(&key);
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
    ret = mbedtls_pk_parse_key(&key, buf, len, NULL, 0, mbedtls_ctr_drbg_random, &drbg);
#else
    ret = mbedtls_pk_parse_key(&key, buf, len, NULL, 0);
#endif
    if (ret == 0)
        printf("parse %s ret=0 type=%s bits=%u len=%lu\n", name, mbedtls_pk_get_name(&key),
               (unsigned) mbedtls_pk_get_bitlen(&key), (unsigned long) len);
    else printf("parse %s ret=%s len=%lu\n", name, code(ret), (unsigned long) len);
    mbedtls_pk_free(&key);
    return ret != 0;
}

/* The casts accept both `const char NAME[]` (PEM) and `const unsigned char NAME[]` (DER). */
#define CRT(name) failed |= check_crt(#name, (const unsigned char *) (name), name##_len, 0);
#define CRT_DER(name) failed |= check_crt(#name, (const unsigned char *) (name), name##_len, 1);
#define KEY(name) failed |= check_key(#name, (const unsigned char *) (name), name##_len);

int main(void)
{
    int failed = 0;
    mbedtls_entropy_init(&entropy);
    mbedtls_ctr_drbg_init(&drbg);
#if MBEDTLS_VERSION_NUMBER >= 0x03000000 && defined(MBEDTLS_PSA_CRYPTO_C)
    if (psa_crypto_init() != PSA_SUCCESS) return 2;
#endif
    if (mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy, (const unsigned char *) "pkilab", 6) != 0) return 2;
    printf("mbedtls version=%s\n", MBEDTLS_VERSION_STRING);
    PKILAB_ARRAYS
    mbedtls_ctr_drbg_free(&drbg);
    mbedtls_entropy_free(&entropy);
    return failed ? 1 : 0;
}

/*
 * pkilab wolfSSL test harness: a minimal TLS client built the way device firmware uses wolfSSL,
 * compiled against the installed library (Debian's libwolfssl-dev; test/helpers/wolfssl.ts builds
 * and runs it), or against wolfSSL built from source with a user_settings.h (-DWOLFSSL_USER_SETTINGS).
 * The library's compile-time configuration (options.h, or user_settings.h through settings.h) is
 * included first, as wolfSSL requires.
 *
 * Usage: harness key=value ...
 *   ca=FILE        trust anchors, PEM or DER (told apart by "-----BEGIN"); repeatable. Loaded with
 *                  wolfSSL_CTX_load_verify_buffer(), as firmware loads a C array.
 *   host=NAME      wolfSSL_check_domain_name(NAME) (not called without host=).
 *   port=N         where to connect on 127.0.0.1.
 *   min_rsa=BITS   wolfSSL_CTX_SetMinRsaKey_Sz(BITS)      (run-time settings a firmware may make)
 *   min_ecc=BITS   wolfSSL_CTX_SetMinEccKey_Sz(BITS)
 *   depth=N        wolfSSL_CTX_set_verify_depth(N)
 *   tls=1.2|1.3|any    protocol version (default any: wolfSSLv23_client_method()).
 *   arrays=1       load the trust anchors from the header compiled in with -DPKILAB_CERTS_HEADER
 *                  (pkilab export --c-array --for wolfssl): the array PKILAB_CA_ARRAY and its
 *                  sizeof_PKILAB_CA_ARRAY, in format PKILAB_CA_FORMAT.
 *   errors=-188,-151   print wolfSSL_ERR_error_string() of each code and exit (no connection).
 *
 * Output, one fact per line:
 *   wolfssl version=5.5.4
 *   load ca ret=1 text="..."            (WOLFSSL_SUCCESS = 1)
 *   handshake ret=-1 err=-188 text="ASN no signer error to confirm failure"
 *   verify result=20                    (wolfSSL_get_verify_result, OpenSSL X509_V_ERR numbering;
 *                                        builds with OPENSSL_EXTRA only)
 *   session version=TLSv1.3 cipher=TLS13-AES128-GCM-SHA256
 *   error code=-188 text="..."          (errors=)
 * Exit: 0 handshake succeeded (or errors= printed); 1 load (without port=) or handshake failed; 2 bad usage.
 */
#define _POSIX_C_SOURCE 200809L
#ifdef WOLFSSL_USER_SETTINGS /* a source build: settings.h reads user_settings.h */
#include <wolfssl/wolfcrypt/settings.h>
#else
#include <wolfssl/options.h>
#endif
#include <wolfssl/ssl.h>
#include <wolfssl/error-ssl.h>

#ifdef PKILAB_CERTS_HEADER
#include PKILAB_CERTS_HEADER
/* The exported size variable of an array, sizeof_NAME (as in wolfssl/certs_test.h). */
#define PKILAB_CAT(a, b) a##b
#define PKILAB_SIZEOF(name) PKILAB_CAT(sizeof_, name)
#endif

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#define MAX_CA 16

static void usage(const char *msg, const char *arg)
{
    fprintf(stderr, "harness: %s%s\n", msg, arg);
    exit(2);
}

static unsigned char *load(const char *path, long *len)
{
    FILE *f = fopen(path, "rb");
    long size;
    unsigned char *buf;
    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) usage("cannot read ", path);
    buf = calloc(1, (size_t) size + 1);
    if (buf == NULL || fread(buf, 1, (size_t) size, f) != (size_t) size) usage("cannot read ", path);
    fclose(f);
    *len = size;
    return buf;
}

/* wolfSSL's text for an error code; quotes are replaced so the line stays parseable. */
static const char *error_text(int code)
{
    static char text[WOLFSSL_MAX_ERROR_SZ];
    char *p;
    wolfSSL_ERR_error_string((unsigned long) code, text);
    for (p = text; *p; p++)
        if (*p == '"') *p = '\'';
    return text;
}

static int report_load(const char *what, int ret)
{
    printf("load %s ret=%d text=\"%s\"\n", what, ret, ret == WOLFSSL_SUCCESS ? "" : error_text(ret));
    return ret == WOLFSSL_SUCCESS ? 0 : 1;
}

static int is_pem(const unsigned char *buf, long len)
{
    return len > 0 && strstr((const char *) buf, "-----BEGIN ") != NULL;
}

int main(int argc, char **argv)
{
    const char *cas[MAX_CA], *host = NULL, *port = NULL, *tls = "any", *errors = NULL;
    int ncas = 0, min_rsa = -1, min_ecc = -1, depth = -1, use_arrays = 0, failed = 0, i, ret, err, fd;
    WOLFSSL_CTX *ctx;
    WOLFSSL *ssl;
    WOLFSSL_METHOD *method;
    struct sockaddr_in addr;
    struct timeval timeout = { 10, 0 };

    for (i = 1; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        const char *v;
        if (eq == NULL) usage("expected key=value, got ", argv[i]);
        *eq = '\0';
        v = eq + 1;
        if (strcmp(argv[i], "ca") == 0) {
            if (ncas == MAX_CA) usage("too many ca=", "");
            cas[ncas++] = v;
        } else if (strcmp(argv[i], "host") == 0) host = v;
        else if (strcmp(argv[i], "port") == 0) port = v;
        else if (strcmp(argv[i], "min_rsa") == 0) min_rsa = atoi(v);
        else if (strcmp(argv[i], "min_ecc") == 0) min_ecc = atoi(v);
        else if (strcmp(argv[i], "depth") == 0) depth = atoi(v);
        else if (strcmp(argv[i], "tls") == 0) tls = v;
        else if (strcmp(argv[i], "arrays") == 0) use_arrays = atoi(v);
        else if (strcmp(argv[i], "errors") == 0) errors = v;
        else usage("unknown option ", argv[i]);
    }

    wolfSSL_Init();
    printf("wolfssl version=%s\n", wolfSSL_lib_version());
    if (errors != NULL) {
        char *list = strdup(errors), *item, *save = NULL;
        for (item = strtok_r(list, ",", &save); item != NULL; item = strtok_r(NULL, ",", &save))
            printf("error code=%d text=\"%s\"\n", atoi(item), error_text(atoi(item)));
        free(list);
        return 0;
    }

    if (strcmp(tls, "1.2") == 0) method = wolfTLSv1_2_client_method();
    else if (strcmp(tls, "1.3") == 0) method = wolfTLSv1_3_client_method();
    else if (strcmp(tls, "any") == 0) method = wolfSSLv23_client_method();
    else usage("tls= must be 1.2|1.3|any: ", tls);
    ctx = wolfSSL_CTX_new(method);
    if (ctx == NULL) usage("wolfSSL_CTX_new failed", "");

    /* Run-time settings come before the CA is loaded: wolfSSL checks CA keys against the minimums as it loads them. */
    if (min_rsa >= 0 && wolfSSL_CTX_SetMinRsaKey_Sz(ctx, (short) min_rsa) != WOLFSSL_SUCCESS) usage("SetMinRsaKey_Sz failed", "");
    if (min_ecc >= 0 && wolfSSL_CTX_SetMinEccKey_Sz(ctx, (short) min_ecc) != WOLFSSL_SUCCESS) usage("SetMinEccKey_Sz failed", "");
    if (depth >= 0) wolfSSL_CTX_set_verify_depth(ctx, depth);
    wolfSSL_CTX_set_verify(ctx, WOLFSSL_VERIFY_PEER, NULL);

    if (use_arrays) {
#ifdef PKILAB_CERTS_HEADER
        failed |= report_load("ca", wolfSSL_CTX_load_verify_buffer(ctx, PKILAB_CA_ARRAY, PKILAB_SIZEOF(PKILAB_CA_ARRAY), PKILAB_CA_FORMAT));
#else
        usage("arrays=1: compiled without PKILAB_CERTS_HEADER", "");
#endif
    }
    for (i = 0; i < ncas; i++) {
        long len;
        unsigned char *buf = load(cas[i], &len);
        failed |= report_load("ca", wolfSSL_CTX_load_verify_buffer(ctx, buf, len, is_pem(buf, len) ? WOLFSSL_FILETYPE_PEM : WOLFSSL_FILETYPE_ASN1));
        free(buf);
    }
    /* A CA that failed to load (an expired one: -151) is left out, as firmware that ignores the
     * return would; the handshake then shows what the device does without it. */
    if (port == NULL) return failed ? 1 : 0; /* load only */

    fd = socket(AF_INET, SOCK_STREAM, 0);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_port = htons((unsigned short) atoi(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
    if (fd < 0 || connect(fd, (struct sockaddr *) &addr, sizeof(addr)) != 0) usage("cannot connect to port ", port);

    ssl = wolfSSL_new(ctx);
    if (ssl == NULL) usage("wolfSSL_new failed", "");
    if (host != NULL && wolfSSL_check_domain_name(ssl, host) != WOLFSSL_SUCCESS) usage("wolfSSL_check_domain_name failed for ", host);
    wolfSSL_set_fd(ssl, fd);
    ret = wolfSSL_connect(ssl);
    err = ret == WOLFSSL_SUCCESS ? 0 : wolfSSL_get_error(ssl, ret);
    printf("handshake ret=%d err=%d text=\"%s\"\n", ret, err, err == 0 ? "" : error_text(err));
#if defined(OPENSSL_EXTRA) || defined(OPENSSL_EXTRA_X509_SMALL) /* the OpenSSL-compatible layer only */
    printf("verify result=%ld\n", wolfSSL_get_verify_result(ssl));
#endif
    if (ret == WOLFSSL_SUCCESS) printf("session version=%s cipher=%s\n", wolfSSL_get_version(ssl), wolfSSL_get_cipher(ssl));
    wolfSSL_shutdown(ssl);
    wolfSSL_free(ssl);
    close(fd);
    wolfSSL_CTX_free(ctx);
    wolfSSL_Cleanup();
    return ret == WOLFSSL_SUCCESS && !failed ? 0 : 1;
}

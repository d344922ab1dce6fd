// Values the seeds (main thread) and the entry points (worker) must agree on.

/** The password of every PKCS#12 file and encrypted key the seeds hold. */
export const FUZZ_PASSWORD = "fuzz-password";

/** "Now" for every entry point, so a run does not depend on the day it runs. */
export const FUZZ_AT = new Date("2026-06-01T00:00:00Z");

/** The folder of the worker's scratch directory where nginx.conf and the conf.d/ files it includes live. */
export const NGINX_DIR = "nginx";

/** Where the worker's scratch directory keeps the SDK header board_mbedtls_config.h needs read first (fixtures/mbedtls-config/README.md). */
export const MBEDTLS_SDK_FILE = "mbedtls/board_sdkconfig.h";

<?php
/**
 * Plugin Name: RunPhys test faults
 * Description: For the runphys-search tests only: makes the REST API fail as real sites fail
 *   (rules in the JSON file RUNPHYS_TEST_FAULTS_FILE), logs REST requests (RUNPHYS_TEST_REQUEST_LOG)
 *   and, while the file RUNPHYS_TEST_TIMING_LOG exists, what every other page cost (for benchmarks);
 *   a request with the header X-Runphys-Test-Without-Plugin runs without our plugin.
 * License: GPL-2.0-or-later
 *
 * Runs when must-use plugins load, before WordPress parses the request: a faulted answer costs
 * next to nothing, the way a security or caching layer in front of WordPress answers.
 */

defined('ABSPATH') || exit;

function runphys_test_is_rest_request(): bool {
    $uri = isset($_SERVER['REQUEST_URI']) ? rawurldecode((string) $_SERVER['REQUEST_URI']) : '';
    $path = (string) parse_url($uri, PHP_URL_PATH);
    return isset($_GET['rest_route']) || strpos($path, '/wp-json/') !== false || substr($path, -8) === '/wp-json';
}

/** The first rule matching this request (its `times` counted down under a lock), or null. */
function runphys_test_take_fault(string $uri): ?array {
    $file = defined('RUNPHYS_TEST_FAULTS_FILE') ? RUNPHYS_TEST_FAULTS_FILE : '';
    if ($file === '' || !file_exists($file)) {
        return null;
    }
    $handle = @fopen($file, 'r+');
    if ($handle === false) {
        return null;
    }
    flock($handle, LOCK_EX);
    $rules = json_decode((string) stream_get_contents($handle), true);
    $found = null;
    if (is_array($rules)) {
        foreach ($rules as $i => $rule) {
            if (!empty($rule['match']) && strpos($uri, (string) $rule['match']) === false) {
                continue;
            }
            if (isset($rule['times'])) {
                if ((int) $rule['times'] <= 0) {
                    continue;
                }
                $rules[$i]['times'] = (int) $rule['times'] - 1;
                ftruncate($handle, 0);
                rewind($handle);
                fwrite($handle, (string) json_encode($rules));
                fflush($handle);
            }
            $found = $rule;
            break;
        }
    }
    flock($handle, LOCK_UN);
    fclose($handle);
    return $found;
}

function runphys_test_log_request(float $start, string $uri, string $fault): void {
    if (!defined('RUNPHYS_TEST_REQUEST_LOG')) {
        return;
    }
    $line = json_encode([
        'start' => $start,
        'end' => microtime(true),
        'method' => $_SERVER['REQUEST_METHOD'] ?? '',
        'uri' => $uri,
        'user_agent' => $_SERVER['HTTP_USER_AGENT'] ?? '',
        'status' => http_response_code(),
        'fault' => $fault,
    ]);
    file_put_contents(RUNPHYS_TEST_REQUEST_LOG, $line . "\n", FILE_APPEND | LOCK_EX);
}

// X-Runphys-Test-Without-Plugin: this one request runs as if our plugin were inactive (for the
// benchmark, which alternates views with and without it, request by request).
if (!empty($_SERVER['HTTP_X_RUNPHYS_TEST_WITHOUT_PLUGIN'])) {
    add_filter('option_active_plugins', function ($plugins) {
        return array_values(array_diff((array) $plugins, ['runphys-search/runphys-search.php']));
    });
}

/** A page's wall and CPU time from here (before any regular plugin loads) to the end of the request. */
function runphys_test_log_timing(float $wall, float $cpu): void {
    $usage = getrusage();
    $line = json_encode([
        'uri' => $_SERVER['REQUEST_URI'] ?? '',
        'wall' => microtime(true) - $wall,
        'cpu' => $usage['ru_utime.tv_sec'] + $usage['ru_utime.tv_usec'] / 1e6
            + $usage['ru_stime.tv_sec'] + $usage['ru_stime.tv_usec'] / 1e6 - $cpu,
        'status' => http_response_code(),
    ]);
    file_put_contents(RUNPHYS_TEST_TIMING_LOG, $line . "\n", FILE_APPEND | LOCK_EX);
}

(function (): void {
    if (PHP_SAPI !== 'cli' && !runphys_test_is_rest_request() && defined('RUNPHYS_TEST_TIMING_LOG')
        && file_exists(RUNPHYS_TEST_TIMING_LOG)) {
        $usage = getrusage();
        $cpu = $usage['ru_utime.tv_sec'] + $usage['ru_utime.tv_usec'] / 1e6
            + $usage['ru_stime.tv_sec'] + $usage['ru_stime.tv_usec'] / 1e6;
        register_shutdown_function('runphys_test_log_timing', microtime(true), $cpu);
    }
})();

(function (): void {
    if (PHP_SAPI === 'cli' || !runphys_test_is_rest_request() || !empty($_SERVER['HTTP_X_RUNPHYS_TEST_BYPASS'])) {
        return;
    }
    $start = isset($_SERVER['REQUEST_TIME_FLOAT']) ? (float) $_SERVER['REQUEST_TIME_FLOAT'] : microtime(true);
    $uri = rawurldecode((string) ($_SERVER['REQUEST_URI'] ?? ''));
    $rule = runphys_test_take_fault($uri);
    $kind = $rule ? (string) $rule['kind'] : '';
    register_shutdown_function('runphys_test_log_request', $start, $uri, $kind);
    if ($rule === null) {
        return;
    }
    switch ($kind) {
        case 'slow':
            usleep((int) round(1e6 * (float) ($rule['seconds'] ?? 5)));
            return; // then the real answer
        case 'status':
        case 'rate_limit':
            $status = $kind === 'rate_limit' ? 429 : (int) ($rule['status'] ?? 500);
            http_response_code($status);
            if ($kind === 'rate_limit' || isset($rule['retry_after'])) {
                header('Retry-After: ' . (string) ($rule['retry_after'] ?? 1));
            }
            header('Content-Type: application/json; charset=UTF-8');
            echo isset($rule['body']) ? (string) $rule['body']
                : json_encode(['code' => 'runphys_test_fault', 'message' => "Injected $status", 'data' => ['status' => $status]]);
            exit;
        case 'html':
            http_response_code((int) ($rule['status'] ?? 200));
            header('Content-Type: text/html; charset=UTF-8');
            echo '<!DOCTYPE html><html><head><title>Just a moment...</title></head>'
                . '<body><h1>Checking your browser before accessing the site.</h1></body></html>';
            exit;
        case 'redirect_https':
            $host = $_SERVER['HTTP_HOST'] ?? '127.0.0.1';
            header('Location: https://' . $host . ($_SERVER['REQUEST_URI'] ?? '/'), true, (int) ($rule['status'] ?? 301));
            exit;
        case 'huge':
            // An answer past the client's size cap: streamed (`mib` of it), or only declared.
            http_response_code(200);
            header('Content-Type: application/json; charset=UTF-8');
            if (isset($rule['declared'])) {
                header('Content-Length: ' . (string) (int) $rule['declared']);
                echo '[';
                exit;
            }
            $chunk = str_repeat(' ', 1 << 20);
            echo '[';
            for ($i = 0; $i < (int) ($rule['mib'] ?? 65); $i++) {
                echo $chunk;
                flush();
            }
            echo ']';
            exit;
        case 'bad_json':
            http_response_code(200);
            header('Content-Type: application/json; charset=UTF-8');
            echo '[{"id": 1, "title": {"rendered": "Cut off';
            exit;
    }
})();

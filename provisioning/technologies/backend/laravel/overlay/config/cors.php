<?php

/*
 * Cross-origin requests (Laravel's HandleCors middleware): only /health, and only from the origins in
 * CORS_ORIGINS (comma separated; Launchpad sets the frontend's two URLs). Without it no origin may call.
 */

$origins = array_values(array_filter(array_map('trim', explode(',', (string) env('CORS_ORIGINS', '')))));

return [
    'paths' => ['health'],
    'allowed_methods' => ['GET'],
    'allowed_origins' => $origins,
    'allowed_origins_patterns' => [],
    'allowed_headers' => ['*'],
    'exposed_headers' => [],
    'max_age' => 0,
    'supports_credentials' => false,
];

<?php

namespace App\Http\Controllers;

use Illuminate\Http\JsonResponse;
use Illuminate\Support\Facades\DB;
use Throwable;

/**
 * Launchpad's health check. GET /health answers 200 {"status":"ok","database":"postgresql"} only
 * after a real query on the default database connection succeeded, and 503 with the reason
 * otherwise; the welcome page shows the same check. A frontend calls it from the browser: config/cors.php
 * allows the origins in CORS_ORIGINS.
 */
class HealthController
{
    /** Laravel's driver names, named as the other backends of a Launchpad project name them. */
    private const KINDS = ['pgsql' => 'postgresql', 'mariadb' => 'mysql'];

    public function __invoke(): JsonResponse
    {
        $result = self::check();

        return response()->json($result, $result['status'] === 'ok' ? 200 : 503);
    }

    /**
     * @return array{status: string, database: string, reason?: string}
     */
    public static function check(): array
    {
        $name = (string) config('database.default');
        $driver = (string) config("database.connections.{$name}.driver", $name);
        $kind = self::KINDS[$driver] ?? $driver;
        try {
            DB::connection()->select('select 1');
        } catch (Throwable $error) {
            // The reason goes to the caller: this is a health check.
            return ['status' => 'error', 'database' => $kind, 'reason' => $error->getMessage()];
        }

        return ['status' => 'ok', 'database' => $kind];
    }

    /**
     * The check in words, as the welcome page shows it.
     *
     * @param  array{status: string, database?: string, reason?: string}  $result
     */
    public static function describe(array $result): string
    {
        $database = isset($result['database']) ? "database: {$result['database']}" : 'no database';
        $text = "Backend: {$result['status']} ({$database})";

        return isset($result['reason']) ? "{$text}: {$result['reason']}" : $text;
    }
}

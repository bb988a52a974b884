<?php

use App\Http\Controllers\HealthController;
use Illuminate\Foundation\Http\Middleware\ValidateCsrfToken;
use Illuminate\Session\Middleware\StartSession;
use Illuminate\Support\Facades\Route;
use Illuminate\View\Middleware\ShareErrorsFromSession;

// The session lives in the database by default (SESSION_DRIVER=database): these two pages skip it,
// so that they report a database that is down, or not migrated yet, instead of failing with it.
$withoutSession = [StartSession::class, ShareErrorsFromSession::class, ValidateCsrfToken::class];

Route::get('/', function () {
    $health = HealthController::check();

    return view('welcome', ['health' => $health, 'healthText' => HealthController::describe($health)]);
})->withoutMiddleware($withoutSession);

Route::get('/health', HealthController::class)->withoutMiddleware($withoutSession);

<!DOCTYPE html>
<html lang="{{ str_replace('_', '-', app()->getLocale()) }}">
    <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{ config('app.name', 'Laravel') }}</title>
        {{-- Bootstrap's CSS through resources/css/app.css: npm run build, or npm run dev while editing. --}}
        @vite('resources/css/app.css')
    </head>
    <body>
        <main class="container py-5">
            <h1 data-launchpad="title" class="mb-3">Your Laravel project is running</h1>
            <p data-launchpad="health" data-status="{{ $health['status'] }}" class="text-body-secondary">{{ $healthText }}</p>
            <p>
                Edit <code>resources/views/welcome.blade.php</code> to change this page. The check above is
                <a href="/health">/health</a>, made when the page was rendered.
            </p>
            <form method="get">
                <button type="submit" data-launchpad="action" class="btn btn-primary">Check again</button>
            </form>
        </main>
    </body>
</html>

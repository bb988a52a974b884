<!DOCTYPE html>
<html lang="{{ str_replace('_', '-', app()->getLocale()) }}">
    <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{ config('app.name', 'Laravel') }}</title>
        {{-- The page's own styles: no CSS framework was chosen. --}}
        <style>
            body {
                margin: 0;
                font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
                line-height: 1.5;
                color: #1f2937;
            }

            main {
                max-width: 42rem;
                margin: 0 auto;
                padding: 2rem;
            }
        </style>
    </head>
    <body>
        <main>
            <h1 data-launchpad="title">Your Laravel project is running</h1>
            <p data-launchpad="health" data-status="{{ $health['status'] }}">{{ $healthText }}</p>
            <p>
                Edit <code>resources/views/welcome.blade.php</code> to change this page. The check above is
                <a href="/health">/health</a>, made when the page was rendered.
            </p>
            <form method="get">
                <button type="submit" data-launchpad="action">Check again</button>
            </form>
        </main>
    </body>
</html>

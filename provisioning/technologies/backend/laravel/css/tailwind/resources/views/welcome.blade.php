<!DOCTYPE html>
<html lang="{{ str_replace('_', '-', app()->getLocale()) }}">
    <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{ config('app.name', 'Laravel') }}</title>
        {{-- Tailwind's build of resources/css/app.css: npm run build, or npm run dev while editing. --}}
        @vite('resources/css/app.css')
    </head>
    <body class="bg-gray-50 text-gray-900">
        <main class="mx-auto max-w-2xl space-y-4 p-8">
            <h1 data-launchpad="title" class="text-3xl font-bold">Your Laravel project is running</h1>
            <p data-launchpad="health" data-status="{{ $health['status'] }}" class="text-gray-700">{{ $healthText }}</p>
            <p>
                Edit <code>resources/views/welcome.blade.php</code> to change this page, then rebuild its CSS
                with <code>npm run build</code>. The check above is
                <a class="text-blue-600 underline" href="/health">/health</a>, made when the page was rendered.
            </p>
            <form method="get">
                <button type="submit" data-launchpad="action" class="rounded-md bg-blue-600 px-4 py-2 font-semibold text-white hover:bg-blue-700">
                    Check again
                </button>
            </form>
        </main>
    </body>
</html>

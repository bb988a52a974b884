from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render


def check_database():
    """The health answer: "ok" only after a real query on the database succeeded (or without one)."""
    if not settings.DATABASE_URL:
        return {"status": "ok"}
    kind = connection.vendor  # "postgresql", "mysql" or "sqlite"
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # the reason goes to the caller: this is a health check
        return {"status": "error", "database": kind, "reason": str(error)}
    return {"status": "ok", "database": kind}


def describe(result):
    """The health check in words, as the home page shows it."""
    database = f"database: {result['database']}" if "database" in result else "no database"
    text = f"Backend: {result['status']} ({database})"
    return f"{text}: {result['reason']}" if "reason" in result else text


def home(request):
    # The page shows the same check /health answers, made while the page is rendered.
    result = check_database()
    return render(request, "home.html", {"health": result, "health_text": describe(result)})


def health(request):
    result = check_database()
    return JsonResponse(result, status=200 if result["status"] == "ok" else 503)

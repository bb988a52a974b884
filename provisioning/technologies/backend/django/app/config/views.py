from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render


def home(request):
    return render(request, "home.html")


def health(request):
    """200 only after a real query on the database succeeded (or when there is no database)."""
    if not settings.DATABASE_URL:
        return JsonResponse({"status": "ok"})
    kind = connection.vendor  # "postgresql", "mysql" or "sqlite"
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # the reason goes to the caller: this is a health check
        return JsonResponse({"status": "error", "database": kind, "reason": str(error)}, status=503)
    return JsonResponse({"status": "ok", "database": kind})

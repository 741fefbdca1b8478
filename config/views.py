"""The start page: tells each kind of user where their work is."""

from django.shortcuts import render


def home(request):
    return render(request, "home.html")

"""The register's REST API (Django REST framework): serializers and views; URLs in records.api_urls."""

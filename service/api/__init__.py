"""The HTTP service: FastAPI app, routers by area, security middleware."""

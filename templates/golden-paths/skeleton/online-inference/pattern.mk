# Online inference: the FastAPI prediction service (included by the Makefile).
DEBIAN_PACKAGES += python3-fastapi python3-httpx python3-uvicorn python3-prometheus-client
IMPORTS := $(IMPORTS), fastapi, httpx, uvicorn, prometheus_client

.PHONY: openapi serve

openapi: deps ## refresh the OpenAPI definition of the API entity in catalog-info.yaml
	$(PYTHON) -m mlapp.service --write-openapi catalog-info.yaml

serve: bundle ## export the serving version (or VERSION) into model/ and serve it on http://127.0.0.1:8080
	$(PYTHON) -m mlapp.service --port 8080

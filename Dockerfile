# Self-hosting image: the app on port 8501, run as a non-root user.
#
#   docker build -t vcio-explorer .
#   docker run --rm -p 8501:8501 vcio-explorer        # then open http://localhost:8501
#
# NOT BUILT OR RUN BY US YET: the machines this project is developed and tested on have the
# docker client but no Docker engine (`docker build` fails: "Cannot connect to the Docker
# daemon"). What was checked instead, on 2026-11-25 at commit 7f73230: from a fresh clone, only
# the files this .dockerignore lets through (660 KB) copied to a new folder owned by root; a new
# venv from Debian's Python 3.11 with only requirements.txt (20 s); the CMD below run as an
# unprivileged user (nobody) with only HOME set. The HEALTHCHECK command exited 0 ("ok") and the
# overview page rendered in Chromium without errors. Please report what you find if you build it.
#
# The PDF report is drawn in the app's own process (ReportLab, vcio_app/reports/pdf.py): no
# browser in the image. fonts-liberation gives it a font for names beyond Latin-1.
FROM python:3.11-slim

# The code in an image never changes: no file watcher, which otherwise walks every loaded module
# after each script run (~7% of the server's CPU under load, py-spy).
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    STREAMLIT_SERVER_FILE_WATCHER_TYPE=none \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-liberation \
    && rm -rf /var/lib/apt/lists/*

# A fixed uid, so a volume mounted over data/ can be given to it (chown 10001).
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin app

WORKDIR /app
# Requirements first: code changes do not re-run pip.
COPY requirements.txt .
RUN pip install -r requirements.txt

# The code stays owned by root: the app user can read it, not change it. The app writes only to
# temporary files (the PDF) and its home directory.
COPY . .

USER app
EXPOSE 8501

# python:3.11-slim has no curl: ask the health endpoint with Python's standard library.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; r = urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4); sys.exit(0 if r.read().strip() == b'ok' else 1)"]

# .streamlit/config.toml (copied with the code) sets headless mode, no usage statistics and
# showErrorDetails = "none".
CMD ["streamlit", "run", "app.py", "--server.address", "0.0.0.0", "--server.port", "8501"]

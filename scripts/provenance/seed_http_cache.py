"""Seeds rocrate-validator's HTTP cache with the JSON-LD contexts a Toets crate needs, so that
`rocrate-validator validate --offline` runs without network access.

The RO-Crate 1.1 context is taken from the `rocrate` wheel of a release that ships it
(rocrate 0.13.0, fetched from PyPI by `pip download`); the validator's own HTTP layer stores it,
with the request headers the validator sends, so that its cache lookups hit.

usage: seed_http_cache.py CACHE_PATH WHEEL
"""

import glob
import io
import json
import sys
import zipfile

import requests
import urllib3
from requests.adapters import BaseAdapter
from rocrate_validator.utils.http import HttpRequester
from rocrate_validator.utils.document_loader import _fetch_json_ld

CONTEXT_11 = "https://w3id.org/ro/crate/1.1/context"


class LocalAdapter(BaseAdapter):
    """Answers requests from a dict of URL -> bytes; anything else is a 404, never the network."""

    def __init__(self, documents):
        super().__init__()
        self.documents = documents

    def send(self, request, **kwargs):
        response = requests.Response()
        response.url = request.url
        response.request = request
        body = self.documents.get(request.url)
        response.status_code = 200 if body is not None else 404
        response.headers["Content-Type"] = "application/ld+json"
        response.raw = urllib3.HTTPResponse(body=io.BytesIO(body or b""), headers=dict(response.headers),
                                            status=response.status_code, preload_content=False,
                                            request_url=request.url)
        response.encoding = "utf-8"
        return response

    def close(self):
        pass


def main():
    cache_path, wheel_glob = sys.argv[1], sys.argv[2]
    wheel = sorted(glob.glob(wheel_glob))[-1]
    with zipfile.ZipFile(wheel) as archive:
        context = archive.read("rocrate/data/ro-crate.jsonld")
    if json.loads(context).get("@id") != CONTEXT_11:
        sys.exit(f"{wheel} does not ship the RO-Crate 1.1 context")
    requester = HttpRequester.initialize_cache(cache_path=cache_path, cache_max_age=-1)
    adapter = LocalAdapter({CONTEXT_11: context})
    requester.session.mount("https://", adapter)
    requester.session.mount("http://", adapter)
    _fetch_json_ld(CONTEXT_11)
    if not requester.has_cached(CONTEXT_11):
        sys.exit("the context did not reach the cache")
    print(f"seeded {cache_path} with {CONTEXT_11} from {wheel}")


if __name__ == "__main__":
    main()

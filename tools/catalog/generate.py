#!/usr/bin/env python3
"""Generates llmkit's bundled price and capability catalog.

    llm-core/src/main/resources/dev/llmkit/core/cost/catalog.json

Python 3.8+, standard library only. The output is deterministic: the same inputs and arguments give
the same bytes (entries sorted by provider then model, keys in a fixed order, no timestamps).

Sources
=======

1. Prices, price tiers, context windows and model-name match rules: pydantic's genai-prices
   (https://github.com/pydantic/genai-prices), MIT License, Copyright (c) Pydantic Services Inc. 2025
   to present.
   The file read is its live v2 feed, ``prices/new_data/v2/data.json``. (The flat ``prices/data.json``
   is a frozen v1 compatibility snapshot, per ``prices/README.md``: it gets no updates and lacks the
   1-hour cache-write and reasoning-output prices, so it is not used.) Export it from a clone with

       git -C genai-prices show <commit>:prices/new_data/v2/data.json > genai-prices-v2.json

   Its schema is ``prices/new_data/v2/data.schema.json``: a list of providers, each with ``models``;
   a model has ``id``, ``match`` (a clause tree of equals / starts_with / ends_with / contains / regex
   / or / and, compared case-insensitively), optional ``context_window`` and ``prices``: per million
   tokens (``input_mtok``, ``output_mtok``, ``cache_read_mtok``, ``cache_write_mtok``,
   ``cache_write_1h_mtok``, ``output_reasoning_mtok``, ...), each a number or ``{"base": n, "tiers":
   [{"start": tokens, "price": n}]}``; or a list of conditional prices with date or time-of-day
   constraints.

2. Capability flags and output limits: LiteLLM's model price map
   (https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json), MIT License,
   Copyright (c) 2023 Berri AI. Any copy of that file works; the one used for the committed catalog
   is the verbatim mirror kept by https://github.com/RoCry/llm-api-price (its ``last_updated`` key,
   2026-07-24, is the retrieval time). An entry there is keyed ``[provider/]model`` and has
   ``litellm_provider``, ``mode``, ``max_input_tokens``, ``max_output_tokens`` and
   ``supports_function_calling`` / ``supports_vision`` / ``supports_prompt_caching`` /
   ``supports_reasoning`` / ``supports_response_schema``. No price is taken from it.

Usage
=====

    python3 tools/catalog/generate.py \\
        --genai-prices genai-prices-v2.json --genai-prices-ref 47df840a5ab10bbcffb8e5ac01b9899032245d1b \\
        --litellm model_prices_and_context_window.json --as-of 2026-08-21

The summary (entries per provider, what was skipped, conflicts) goes to stderr.

Both licenses are reproduced in llm-core/src/main/resources/dev/llmkit/core/cost/THIRD-PARTY-NOTICES.txt.

Output format
=============

    {"source": "...", "pricesAsOf": "YYYY-MM-DD", "generatedBy": "tools/catalog/generate.py",
     "notes": "...", "models": [entry, ...]}

An entry (user catalog files use the same format; see PriceCatalog's Javadoc):

    provider          llmkit provider id (openai, azure, anthropic, gemini, bedrock, ...)
    model             the canonical model id
    match             optional list of patterns on the normalized model name (grammar below)
    input, output     USD per token, decimal strings ("0.0000025"), exact
    cacheRead         optional, USD per cached input token read
    cacheWrite        optional, USD per token written to the prompt cache (5-minute TTL where TTLs differ)
    cacheWrite1h      optional, USD per token written with a 1-hour TTL, where it differs
    reasoningOutput   optional, USD per reasoning token where priced apart from output
    tiers             optional list of {aboveInputTokens, wholeRequest, input, output, cacheRead, ...}
    maxInputTokens    optional
    maxOutputTokens   optional
    capabilities      optional list of function_calling, vision, prompt_caching, reasoning, response_schema
    note              optional, for people: a price the fields cannot express (a scheduled change, a
                      per-request fee, time-of-day pricing)

Match pattern grammar: a pattern is compared with the whole normalized model name (lower case, the
provider's own ``provider/`` prefix removed); ``*`` matches any run of characters (also none), ``#``
matches one ASCII digit, every other character matches itself. A pattern without ``*`` or ``#`` is an
alias, looked up like the model id. When several entries' patterns match, the pattern with the most
literal characters (``#`` counts as one) wins.

Transformations, in order
=========================

T1  Providers. Only these genai-prices providers are read, renamed to llmkit ids: openai, azure,
    anthropic, google -> gemini, mistral, groq, deepseek, x-ai -> xai, together, fireworks,
    openrouter, cerebras, moonshotai -> moonshot, perplexity, cohere, aws -> bedrock. (The
    huggingface_*, novita, ovhcloud, avian, doubleword, minimax, zhipuai/zai, modal and voyageai
    providers are not served by llmkit.)
T2  Chat models only. Dropped: ids naming embeddings, moderation, rerank, speech (tts, transcribe,
    whisper, audio, realtime, live, sonic), image generation (``image``, dall-e) and OCR models; the
    legacy completion models (ada, babbage, curie, davinci, text-davinci-*, *-instruct of
    gpt-3.5), and those whose own LiteLLM entry (found as in T9) has mode ``completion``. A LiteLLM
    entry of another non-chat mode is not trusted for T9 (LiteLLM lists gemini/gemini-1.5-flash as
    an embedding model); the T2 name rules already drop the real ones. Audio-, image-, web-search-
    and request-fee parts of a kept model's price are not represented (only text token prices
    are); a per-request fee is mentioned in ``note``.
T3  Conditional prices. Date-constrained prices: the last one whose start_date is on or before
    --as-of (else the first, unconstrained one), as genai-prices itself resolves them on that day; a
    later scheduled price is recorded in ``note``. Time-of-day prices (DeepSeek's off-peak discount):
    the constrained standard price, which applies 16 hours a day, is used, and ``note`` says so.
T4  A model with no input and no output price is dropped, except an OpenRouter ``:free`` variant,
    which gets explicit zero prices.
T5  Prices per million tokens become per-token decimal strings: the JSON is parsed with
    ``parse_float=Decimal`` (never binary floats) and each figure is shifted six decimal places
    (``Decimal.scaleb(-6)``), normalized and printed without exponent. Fields: input_mtok -> input,
    output_mtok -> output, cache_read_mtok -> cacheRead, cache_write_mtok (or cache_write_5m_mtok)
    -> cacheWrite, cache_write_1h_mtok -> cacheWrite1h, output_reasoning_mtok -> reasoningOutput
    (the text-only variants input_text_mtok etc. are used when the plain key is absent). A missing
    input or output price is 0.
T6  Tiers. genai-prices tiers are per field ({base, tiers:[{start, price}]}) and mean the whole
    request: when the prompt (all input tokens, cached ones included) is greater than ``start``,
    every token of that field is charged the tier price, not only the tokens above ``start``
    (genai_prices.types.calc_unit_price: ``total_input_tokens > tier.start``). LiteLLM's
    ``*_above_200k_tokens`` prices mean the same. So each distinct start becomes one llmkit tier
    with ``aboveInputTokens = start``, ``wholeRequest = true`` and every price field at its value for
    that prompt size (a field without tiers keeps its base price).
T7  Match rules become patterns: equals x -> ``x``; starts_with x -> ``x*``; ends_with x -> ``*x``;
    contains x -> ``*x*``; or -> the union; regex: the simple anchored forms used by the data
    (literals, ``\\.``, ``\\d``, ``\\d{n}``, ``\\d+``, ``^``, ``$``) -> ``#`` per digit (``#*`` for
    ``\\d+``), ``*`` for a missing anchor; anything else (and ``and`` clauses, and a literal with
    ``*`` or ``#`` in it) is reported and dropped. Patterns are lower-cased; a leading
    ``<provider>/`` of the entry's own provider is removed (llmkit strips it from names); the
    canonical id itself and duplicates are removed from the list. An alias claimed by two
    entries of one provider stays with the entry whose id it is, else with the first in model
    order, and the conflict is reported.
T8  Canonical ids: the genai-prices id, except Bedrock's synthetic ``regional.`` prefix, which is
    removed (``regional.anthropic.claude-...-v1:0`` -> ``anthropic.claude-...-v1:0``, the
    in-region id).
T9  Limits and capabilities: the LiteLLM entry of the same provider whose name (its provider
    prefix and Bedrock region path removed) matches the genai-prices match rule: the exact id if
    present, else a name matched by an equals clause, else the shortest matching name among
    LiteLLM's chat models. Where the provider has none, the model's own vendor is tried: the
    vendor's genai-prices model that the embedded name resolves to (genai-prices' own first-match
    rule), then that model's LiteLLM entry (OpenRouter ``vendor/model``, Azure -> OpenAI, a Claude
    model of Google -> Anthropic, Bedrock ``anthropic.*`` -> Anthropic). maxInputTokens is
    genai-prices' context_window, else LiteLLM's max_input_tokens; maxOutputTokens is LiteLLM's
    max_output_tokens (its legacy max_tokens is not used). capabilities are LiteLLM's true
    supports_* flags; prompt_caching is also set when the model has a cache read or write price,
    reasoning when it has a reasoning price. A model without any LiteLLM entry keeps only these two
    derived flags (an absent flag means unknown, not unsupported).
T10 Output: entries sorted by (provider, model as written), optional fields omitted when absent,
    one entry per line so that a price update is a one-line diff.
T11 Self-check (reported on stderr, nothing dropped): every id and alias must resolve to its own
    entry under PriceCatalog's rules (an id wins over another entry's alias; among patterns the
    most literal characters win). Those rules were checked against genai-prices' first-match rule
    on every LiteLLM name and genai-prices alias of the 16 providers: they agree.
"""

import argparse
import json
import re
import sys
from collections import Counter, OrderedDict
from decimal import Decimal
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO_ROOT / "llm-core/src/main/resources/dev/llmkit/core/cost/catalog.json"

# T1: genai-prices provider id -> llmkit provider id.
PROVIDERS = {
    "openai": "openai",
    "azure": "azure",
    "anthropic": "anthropic",
    "google": "gemini",
    "mistral": "mistral",
    "groq": "groq",
    "deepseek": "deepseek",
    "x-ai": "xai",
    "together": "together",
    "fireworks": "fireworks",
    "openrouter": "openrouter",
    "cerebras": "cerebras",
    "moonshotai": "moonshot",
    "perplexity": "perplexity",
    "cohere": "cohere",
    "aws": "bedrock",
}

# Other spellings of a provider that may lead a model name ("x-ai/grok-4"); the same table is
# ModelNames.PROVIDER_ALIASES in llm-core.
PROVIDER_ALIASES = {
    "gemini": ["google", "vertex_ai", "vertex"],
    "xai": ["x-ai"],
    "bedrock": ["aws", "amazon-bedrock", "bedrock_converse"],
    "together": ["together_ai", "togetherai", "together-ai"],
    "fireworks": ["fireworks_ai", "fireworks-ai"],
    "moonshot": ["moonshotai"],
    "mistral": ["mistralai"],
    "azure": ["azure_openai", "azure-openai"],
    "cohere": ["cohere_chat"],
}

# T9: llmkit provider -> LiteLLM litellm_provider values holding the same models.
LITELLM_PROVIDERS = {
    "openai": ["openai"],
    "azure": ["azure", "azure_ai"],
    "anthropic": ["anthropic"],
    "gemini": ["gemini", "vertex_ai-language-models"],
    "mistral": ["mistral"],
    "groq": ["groq"],
    "deepseek": ["deepseek"],
    "xai": ["xai"],
    "together": ["together_ai"],
    "fireworks": ["fireworks_ai"],
    "openrouter": ["openrouter"],
    "cerebras": ["cerebras"],
    "moonshot": ["moonshot"],
    "perplexity": ["perplexity"],
    "cohere": ["cohere_chat", "cohere"],
    "bedrock": ["bedrock", "bedrock_converse"],
}

# T9: the vendor segment of an OpenRouter id -> llmkit provider.
OPENROUTER_VENDORS = {
    "openai": "openai",
    "anthropic": "anthropic",
    "google": "gemini",
    "x-ai": "xai",
    "mistralai": "mistral",
    "deepseek": "deepseek",
    "moonshotai": "moonshot",
    "perplexity": "perplexity",
    "cohere": "cohere",
}

CAPABILITY_FLAGS = [
    ("supports_function_calling", "function_calling"),
    ("supports_vision", "vision"),
    ("supports_prompt_caching", "prompt_caching"),
    ("supports_reasoning", "reasoning"),
    ("supports_response_schema", "response_schema"),
]

# T2: ids of models that are not chat models.
NOT_CHAT = re.compile(
    r"embed|moderation|rerank|(^|[-_./])tts|transcribe|whisper|(^|[-_./])audio|realtime"
    r"|(^|[-_./])live([-_./]|$)|sonic|image|dall-e|(^|[-_./])ocr([-_./]|$)"
)
LEGACY_COMPLETION = re.compile(
    r"^(ada|babbage|curie|davinci)(-\d+)?$|^text-(ada|babbage|curie|davinci)|^gpt-3\.5-turbo-instruct"
)

# T5: our field -> genai-prices keys, first present wins.
PRICE_FIELDS = [
    ("input", ["input_mtok", "input_text_mtok"]),
    ("output", ["output_mtok", "output_text_mtok"]),
    ("cacheRead", ["cache_read_mtok", "cache_text_read_mtok"]),
    ("cacheWrite", ["cache_write_mtok", "cache_write_5m_mtok", "cache_text_write_mtok", "cache_text_write_5m_mtok"]),
    ("cacheWrite1h", ["cache_write_1h_mtok", "cache_text_write_1h_mtok"]),
    ("reasoningOutput", ["output_reasoning_mtok", "output_text_reasoning_mtok"]),
]

MILLION_SHIFT = -6


def warn(msg):
    print(msg, file=sys.stderr)


# ---------------------------------------------------------------------------------------------------
# T5: exact decimal conversion


def per_token(mtok):
    """A per-million price (Decimal or int from the JSON) as a per-token decimal string."""
    d = Decimal(mtok).scaleb(MILLION_SHIFT).normalize()
    if d.is_zero():
        return "0"
    return format(d, "f")


# ---------------------------------------------------------------------------------------------------
# T3: conditional prices


def choose_prices(prices, as_of):
    """(the price dict in force on as_of, a note or None)."""
    if isinstance(prices, dict):
        return prices, None
    timed = [c for c in prices if "start_time" in c.get("constraint", {})]
    if timed:
        c = timed[-1]["constraint"]
        note = ("off-peak discount not represented: these are the standard prices (%s-%s UTC); "
                "genai-prices lists cheaper prices for the rest of the day"
                % (c["start_time"].rstrip("Z")[:5], c["end_time"].rstrip("Z")[:5]))
        return timed[-1]["prices"], note
    chosen = prices[0]
    for c in prices:
        start = c.get("constraint", {}).get("start_date")
        if start is not None and start <= as_of:
            chosen = c
    later = [c for c in prices if c.get("constraint", {}).get("start_date", "") > as_of]
    note = None
    if later:
        nxt = later[0]
        note = "scheduled price change from %s: %s" % (
            nxt["constraint"]["start_date"], describe_prices(nxt["prices"]))
    return chosen["prices"], note


def describe_prices(p):
    parts = []
    for field, keys in PRICE_FIELDS:
        v = first_present(p, keys)
        if v is None:
            continue
        base = v["base"] if isinstance(v, dict) else v
        parts.append("%s %s" % (field, per_token(base)) + (" (+tiers)" if isinstance(v, dict) else ""))
    return ", ".join(parts) + " per token"


def first_present(p, keys):
    for k in keys:
        if k in p:
            return p[k]
    return None


# ---------------------------------------------------------------------------------------------------
# T5/T6: prices and tiers


def convert_prices(p):
    """(dict of base per-token prices, list of tiers) from one genai-prices price dict."""
    raw = OrderedDict()
    for field, keys in PRICE_FIELDS:
        v = first_present(p, keys)
        if v is not None:
            raw[field] = v
    base = OrderedDict()
    starts = set()
    for field, v in raw.items():
        if isinstance(v, dict):
            base[field] = per_token(v["base"])
            starts.update(t["start"] for t in v["tiers"])
        else:
            base[field] = per_token(v)
    base.setdefault("input", "0")
    base.setdefault("output", "0")
    tiers = []
    for start in sorted(starts):
        tier = OrderedDict([("aboveInputTokens", start), ("wholeRequest", True)])
        for field, _ in PRICE_FIELDS:
            if field not in base:
                continue
            v = raw.get(field)
            if isinstance(v, dict):
                price = v["base"]
                for t in sorted(v["tiers"], key=lambda t: t["start"]):
                    if t["start"] <= start:
                        price = t["price"]
                tier[field] = per_token(price)
            else:
                tier[field] = base[field]
        tiers.append(tier)
    return base, tiers


# ---------------------------------------------------------------------------------------------------
# T7: match rules -> patterns

_REGEX_TOKEN = re.compile(r"\\d\{(\d+)\}|\\d\+|\\d|\\(.)|([^\\^$.*+?()\[\]{}|])")


def regex_to_pattern(regex):
    """The glob for a simple anchored regex, or None when it is not one this grammar can say."""
    body = regex
    head = "" if body.startswith("^") else "*"
    body = body[1:] if body.startswith("^") else body
    tail = "" if body.endswith("$") and not body.endswith("\\$") else "*"
    body = body[:-1] if tail == "" else body
    out = []
    pos = 0
    while pos < len(body):
        m = _REGEX_TOKEN.match(body, pos)
        if not m:
            return None
        if m.group(1) is not None:
            out.append("#" * int(m.group(1)))
        elif m.group(0) == "\\d+":
            out.append("#*")
        elif m.group(0) == "\\d":
            out.append("#")
        elif m.group(2) is not None:
            if m.group(2).isalnum():
                return None  # \w, \s and friends
            out.append(m.group(2))
        else:
            out.append(m.group(3))
        pos = m.end()
    return head + "".join(out) + tail


def clause_patterns(clause, problems):
    if "or" in clause:
        out = []
        for c in clause["or"]:
            out.extend(clause_patterns(c, problems))
        return out
    for key, fmt in (("equals", "%s"), ("starts_with", "%s*"), ("ends_with", "*%s"), ("contains", "*%s*")):
        if key in clause:
            if "*" in clause[key] or "#" in clause[key]:
                problems.append("%s %r has a wildcard character of the pattern grammar" % (key, clause[key]))
                return []
            return [fmt % clause[key]]
    if "regex" in clause:
        p = regex_to_pattern(clause["regex"])
        if p is None:
            problems.append("regex %r" % clause["regex"])
            return []
        return [p]
    problems.append("clause %s" % json.dumps(clause))
    return []


def clause_matches(clause, text):
    """genai-prices' own semantics (case-insensitive except regex)."""
    t = text.lower()
    if "or" in clause:
        return any(clause_matches(c, text) for c in clause["or"])
    if "and" in clause:
        return all(clause_matches(c, text) for c in clause["and"])
    if "equals" in clause:
        return t == clause["equals"].lower()
    if "starts_with" in clause:
        return t.startswith(clause["starts_with"].lower())
    if "ends_with" in clause:
        return t.endswith(clause["ends_with"].lower())
    if "contains" in clause:
        return clause["contains"].lower() in t
    if "regex" in clause:
        return re.search(clause["regex"], text) is not None
    return False


def equals_values(clause):
    if "or" in clause:
        return [v for c in clause["or"] for v in equals_values(c)]
    return [clause["equals"].lower()] if "equals" in clause else []


def glob_matches(pattern, name):
    """The Java matcher's semantics, for the self-check."""
    rx = "".join(".*" if ch == "*" else "[0-9]" if ch == "#" else re.escape(ch) for ch in pattern)
    return re.fullmatch(rx, name, re.S) is not None


def specificity(pattern):
    return sum(1 for ch in pattern if ch != "*")


# ---------------------------------------------------------------------------------------------------
# T9: LiteLLM


def litellm_index(path):
    """{llmkit provider: {normalized name: entry}} of LiteLLM's file."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f, parse_float=Decimal)
    by_litellm = {}
    for lp, ours in LITELLM_PROVIDERS.items():
        for l in ours:
            by_litellm.setdefault(l, []).append(lp)
    index = {}
    for key, entry in data.items():
        if not isinstance(entry, dict) or "litellm_provider" not in entry:
            continue
        for ours in by_litellm.get(entry["litellm_provider"], []):
            index.setdefault(ours, {})[litellm_name(key, entry["litellm_provider"], ours)] = entry
    return data.get("last_updated"), index


def litellm_name(key, litellm_provider, ours):
    n = key.lower()
    if ours == "bedrock":
        return n.rsplit("/", 1)[-1]  # bedrock/<region>/<commitment>/<id>
    for prefix in [litellm_provider, ours] + PROVIDER_ALIASES.get(ours, []):
        if n.startswith(prefix + "/"):
            return n[len(prefix) + 1:]
    return n


CHAT_MODES = (None, "chat", "responses")


def find_litellm(index, provider, model_id, clause):
    """(entry, exact) of LiteLLM for a genai-prices model of provider, or (None, False). exact is true
    when the name is the model's id or one of its equals aliases; otherwise the shortest name matching
    the rule among LiteLLM's chat models."""
    names = index.get(provider, {})
    if model_id.lower() in names:
        return names[model_id.lower()], True
    for v in equals_values(clause):
        if v in names:
            return names[v], True
    matching = sorted((n for n, e in names.items() if e.get("mode") in CHAT_MODES and clause_matches(clause, n)),
                      key=lambda n: (len(n), n))
    return (names[matching[0]], False) if matching else (None, False)


def vendor_fallback(provider, model_id):
    """(provider, model) of the model's own vendor, for a gateway's entry, or None."""
    m = model_id.lower()
    if provider == "openrouter" and "/" in m:
        vendor, name = m.lstrip("~").split("/", 1)
        if vendor in OPENROUTER_VENDORS:
            return OPENROUTER_VENDORS[vendor], name
    if provider == "azure":
        return "openai", m
    if provider == "gemini" and m.startswith("claude"):
        return "anthropic", m
    if provider == "bedrock":
        name = re.sub(r"^(global|us|eu|apac|au|jp|ca|us-gov)\.", "", m)
        if name.startswith("anthropic."):
            return "anthropic", re.sub(r"-v\d+(:\d+)?$", "", name[len("anthropic."):])
    return None


def genai_first_match(genai_by_provider, provider, name):
    """genai-prices' own resolution: the first model of the provider whose rule matches."""
    for m in genai_by_provider.get(provider, []):
        if clause_matches(m["match"], name):
            return m
    return None


def lookup_litellm(index, genai_by_provider, provider, model_id, clause):
    e, exact = find_litellm(index, provider, model_id, clause)
    if e is None:
        fb = vendor_fallback(provider, model_id)
        if fb is not None:
            vp, vname = fb
            vm = genai_first_match(genai_by_provider, vp, vname)
            if vm is not None:
                e, _ = find_litellm(index, vp, vm["id"], vm["match"])
            else:
                e = index.get(vp, {}).get(vname)
            exact = False
    return e, exact


# ---------------------------------------------------------------------------------------------------


def build(genai, litellm, as_of):
    _, lindex = litellm
    genai_by_provider = {}
    for gp in genai:
        if gp["id"] in PROVIDERS:
            genai_by_provider.setdefault(PROVIDERS[gp["id"]], []).extend(gp["models"])
    entries = []
    skipped = Counter()
    problems = []
    for gp in genai:
        provider = PROVIDERS.get(gp["id"])
        if provider is None:
            continue
        for m in gp["models"]:
            mid = m["id"]
            lid = mid.lower()
            if NOT_CHAT.search(lid) or (provider in ("openai", "azure") and LEGACY_COMPLETION.search(lid)):
                skipped["not a chat model"] += 1
                continue
            prices, note = choose_prices(m["prices"], as_of)
            has_price = first_present(prices, PRICE_FIELDS[0][1]) is not None or \
                first_present(prices, PRICE_FIELDS[1][1]) is not None
            if not has_price and not (provider == "openrouter" and lid.endswith(":free")):
                skipped["no token price"] += 1
                continue
            lentry, exact = lookup_litellm(lindex, genai_by_provider, provider, mid, m["match"])
            if exact and lentry.get("mode") == "completion":
                skipped["LiteLLM mode completion (legacy completion model)"] += 1
                continue
            if lentry is not None and lentry.get("mode") not in CHAT_MODES:
                lentry = None  # e.g. LiteLLM lists gemini/gemini-1.5-flash as an embedding model
            base, tiers = convert_prices(prices)
            if "requests_kcount" in prices:
                fee = "per-request fee not represented: $%s per 1000 requests" % (
                    format(Decimal(prices["requests_kcount"]).normalize(), "f"))
                note = fee if note is None else note + "; " + fee

            # T8
            model = mid[len("regional."):] if provider == "bedrock" and mid.startswith("regional.") else mid

            # T7
            probs = []
            patterns = []
            own_prefixes = [provider + "/"] + [a + "/" for a in PROVIDER_ALIASES.get(provider, [])]
            for pat in clause_patterns(m["match"], probs):
                pat = pat.lower()
                for pre in own_prefixes:
                    if pat.startswith(pre):
                        pat = pat[len(pre):]
                if pat != model.lower() and pat not in patterns:
                    patterns.append(pat)
            for pr in probs:
                problems.append("%s/%s: dropped match %s" % (provider, mid, pr))

            caps = set()
            max_in = m.get("context_window")
            max_out = None
            if lentry is not None:
                for flag, name in CAPABILITY_FLAGS:
                    if lentry.get(flag) is True:
                        caps.add(name)
                if max_in is None and isinstance(lentry.get("max_input_tokens"), int):
                    max_in = lentry["max_input_tokens"]
                if isinstance(lentry.get("max_output_tokens"), int):
                    max_out = lentry["max_output_tokens"]
            else:
                skipped["(kept) no LiteLLM entry: no capabilities or output limit"] += 1
            if "cacheRead" in base or "cacheWrite" in base:
                caps.add("prompt_caching")
            if "reasoningOutput" in base:
                caps.add("reasoning")

            e = OrderedDict()
            e["provider"] = provider
            e["model"] = model
            if patterns:
                e["match"] = sorted(patterns)
            for field, _ in PRICE_FIELDS:
                if field in base:
                    e[field] = base[field]
            if tiers:
                e["tiers"] = tiers
            if max_in is not None:
                e["maxInputTokens"] = max_in
            if max_out is not None:
                e["maxOutputTokens"] = max_out
            if caps:
                e["capabilities"] = sorted(caps)
            if note:
                e["note"] = note
            entries.append(e)

    entries.sort(key=lambda e: (e["provider"], e["model"].lower(), e["model"]))  # T10
    dedupe(entries, problems)
    check_resolution(entries, problems)
    return entries, skipped, problems


def dedupe(entries, problems):
    """T7: one owner per (provider, model) and per alias."""
    seen = set()
    out = []
    for e in entries:
        key = (e["provider"], e["model"].lower())
        if key in seen:
            problems.append("%s/%s: duplicate id, later entry dropped" % key)
            continue
        seen.add(key)
        out.append(e)
    entries[:] = out
    ids = {(e["provider"], e["model"].lower()) for e in entries}
    claimed = {}
    for e in entries:
        keep = []
        for p in e.get("match", []):
            literal = "*" not in p and "#" not in p
            if literal and (e["provider"], p) in ids:
                problems.append("%s/%s: alias %s is another entry's id, dropped" % (e["provider"], e["model"], p))
                continue
            if literal and (e["provider"], p) in claimed:
                problems.append("%s/%s: alias %s already belongs to %s, dropped"
                                % (e["provider"], e["model"], p, claimed[(e["provider"], p)]))
                continue
            if literal:
                claimed[(e["provider"], p)] = e["model"]
            keep.append(p)
        if keep:
            e["match"] = keep
        elif "match" in e:
            del e["match"]


def resolve(by_provider, provider, name):
    """PriceCatalog's lookup within one provider: id or alias, then the most specific pattern."""
    exact, globs = by_provider[provider]
    if name in exact:
        return exact[name]
    for _, _, pattern, e in globs:
        if glob_matches(pattern, name):
            return e
    return None


def index_entries(entries):
    """The Java index: ids first (an id wins over another entry's alias), then aliases; patterns
    by specificity, then model id."""
    by_provider = {}
    for e in entries:
        exact, _ = by_provider.setdefault(e["provider"], ({}, []))
        exact.setdefault(e["model"].lower(), e)
    for e in entries:
        exact, globs = by_provider[e["provider"]]
        for p in e.get("match", []):
            if "*" in p or "#" in p:
                globs.append((-specificity(p), e["model"], p, e))
            else:
                exact.setdefault(p, e)
    for exact, globs in by_provider.values():
        globs.sort(key=lambda g: (g[0], g[1]))
    return by_provider


def check_resolution(entries, problems):
    """Every id and alias must resolve to its own entry under the Java rules."""
    by_provider = index_entries(entries)
    for e in entries:
        for name in [e["model"].lower()] + [p for p in e.get("match", []) if "*" not in p and "#" not in p]:
            got = resolve(by_provider, e["provider"], name)
            if got is not e:
                problems.append("%s/%s: name %s resolves to %s" % (e["provider"], e["model"], name,
                                                                  got["model"] if got else None))


def header_source(genai_ref, litellm_updated):
    genai = ("Prices, price tiers, context windows and model-name match rules: genai-prices by Pydantic "
             "(https://github.com/pydantic/genai-prices, prices/new_data/v2/data.json%s), MIT License, "
             "Copyright (c) Pydantic Services Inc. 2025 to present.") % (" at commit " + genai_ref if genai_ref else "")
    litellm = ("Capability flags and output limits: LiteLLM's model price map by Berri AI "
               "(https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json%s), "
               "MIT License, Copyright (c) 2023 Berri AI.") % (
        ", as of " + litellm_updated[:10] if litellm_updated else "")
    return (genai + " " + litellm + " Converted by tools/catalog/generate.py (see its comments); the licenses "
            "are in THIRD-PARTY-NOTICES.txt next to this file.")


NOTES = ("Prices are USD per token, exact decimal strings. cacheWrite is the 5-minute prompt-cache write "
         "where the TTLs are priced differently (cacheWrite1h the 1-hour one). A tier with wholeRequest "
         "true prices every token of a call at the tier when its prompt (all input tokens, cached ones "
         "included) exceeds aboveInputTokens; false would price only the prompt tokens above it. match: "
         "patterns on the lower-case model name without its provider/ prefix; * is any run of "
         "characters, # one digit.")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--genai-prices", required=True, help="genai-prices prices/new_data/v2/data.json")
    ap.add_argument("--genai-prices-ref", default="", help="the genai-prices commit, for the header")
    ap.add_argument("--litellm", required=True, help="LiteLLM model_prices_and_context_window.json")
    ap.add_argument("--as-of", required=True, help="YYYY-MM-DD: the day whose prices are taken (pricesAsOf)")
    ap.add_argument("--out", default=str(DEFAULT_OUT))
    args = ap.parse_args(argv)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", args.as_of):
        ap.error("--as-of must be YYYY-MM-DD")

    with open(args.genai_prices, encoding="utf-8") as f:
        genai = json.load(f, parse_float=Decimal)
    litellm = litellm_index(args.litellm)
    entries, skipped, problems = build(genai, litellm, args.as_of)

    doc = OrderedDict()
    doc["source"] = header_source(args.genai_prices_ref, litellm[0])
    doc["pricesAsOf"] = args.as_of
    doc["generatedBy"] = "tools/catalog/generate.py"
    doc["notes"] = NOTES
    doc["models"] = entries
    text = compact_entries(doc)  # one entry per line keeps diffs of price updates readable
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)

    counts = Counter(e["provider"] for e in entries)
    warn("wrote %s: %d entries" % (args.out, len(entries)))
    for p, n in sorted(counts.items()):
        warn("  %-12s %4d" % (p, n))
    for why, n in sorted(skipped.items()):
        warn("skipped/flagged %4d: %s" % (n, why))
    for pr in problems:
        warn("note: " + pr)
    return 0


def compact_entries(doc):
    """The header pretty-printed, each model entry on one line."""
    lines = ["{"]
    for key in ("source", "pricesAsOf", "generatedBy", "notes"):
        lines.append(" %s: %s," % (json.dumps(key), json.dumps(doc[key], ensure_ascii=False)))
    lines.append(' "models": [')
    models = doc["models"]
    for i, e in enumerate(models):
        sep = "," if i < len(models) - 1 else ""
        lines.append("  " + json.dumps(e, ensure_ascii=False, separators=(", ", ": ")) + sep)
    lines.append(" ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())

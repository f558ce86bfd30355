"""Symptom notices over HTTP: a red flag in the JSON `notices` (and `red_flags`) and above the results
on the search page; the guessed injury's notice; a one-word search with nothing found."""

from __future__ import annotations

import re

import pytest

RED_FLAGS = ["pinpoint pain on my shin bone that keeps getting worse", "my calf is hot and swollen",
             "tingling in my toes"]


@pytest.mark.parametrize("q", RED_FLAGS)
def test_a_red_flag_is_the_first_json_notice_and_results_follow(client, q):
    body = client.get("/api/v1/search", params={"q": q}).json()
    assert body["red_flags"] and body["notices"][0] == body["red_flags"][0]
    assert "see a doctor or physical therapist" in body["notices"][0]
    assert body["total"] > 0 and body["hits"]


@pytest.mark.parametrize("q", ["tight calves", "chest stretch", "heel pain first thing in the morning"])
def test_an_ordinary_search_has_no_red_flag(client, q):
    body = client.get("/api/v1/search", params={"q": q}).json()
    assert body["red_flags"] == []
    assert not any("doctor" in n for n in body["notices"])


def test_a_description_says_which_injury_it_points_to(client):
    body = client.get("/api/v1/search", params={"q": "pain on the outside of my knee when running"}).json()
    assert "Pain on the outside of the knee when running is often IT band syndrome." in body["notices"]
    assert "ITB Syndrome" in body["hits"][0]["title"]


def test_the_search_page_shows_the_red_flag_above_the_results(client):
    html = client.get("/", params={"q": "knee pain that wakes me up at night"}).text
    alert = re.search(r'<p class="notice red-flag" role="alert">(.*?)</p>', html, re.S)
    assert alert and "See a clinician." in alert.group(1) and "wakes you at night" in alert.group(1)
    assert html.index("red-flag") < html.index('<ol class="hits">') < html.index('class="hit"')
    assert html.count("wakes you at night") == 1  # shown once, not again among the plain notices


def test_a_one_word_search_without_filters_is_not_told_to_remove_a_filter(client):
    html = client.get("/", params={"q": "zzqx"}).text
    assert "No posts match" in html and "remove a filter" not in html


def test_a_filtered_search_without_results_suggests_removing_a_filter(client):
    html = client.get("/", params={"q": "zzqx", "video": "true"}).text
    assert "Try fewer words or remove a filter" in html


def test_counts_are_never_1_posts(client):
    for q in ("sore calf inside", "outer knee pain", "pain on the outside of my knee"):
        html = client.get("/", params={"q": q}).text
        assert not re.search(r"\b1 (posts|results)\b|\b1 more match\b", html)


def test_a_search_in_another_language_says_how_it_was_read_in_english(client):
    q = "me duele la rodilla por fuera, siempre en el mismo km"
    body = client.get("/api/v1/search", params={"q": q}).json()
    read = [n for n in body["notices"] if n.startswith("searched in English as: ")]
    assert read and "on the outside" in read[0]
    assert body["query"] == q and "ITB Syndrome" in body["hits"][0]["title"]
    html = client.get("/", params={"q": q}).text
    assert "searched in English as: " in html

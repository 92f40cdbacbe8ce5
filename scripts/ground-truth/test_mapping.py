"""Unit tests of the JSON Resume -> truth mapping and of what counts as printed.

Run: python3 -m unittest discover -s scripts/ground-truth -p 'test_*.py'
The official JSON Resume sample is read in place from
$VITAE_CORPUS/jsonresume/sample.resume.json (default ../shared/corpus): the
test is skipped when the corpus is absent and fails when VITAE_CORPUS is set
and the file is missing.
"""

import json
import os
import pathlib
import unittest

import mapping

HERE = pathlib.Path(__file__).resolve().parent
CORPUS = pathlib.Path(os.environ.get("VITAE_CORPUS", HERE.parent.parent.parent / "shared" / "corpus"))
SAMPLE = CORPUS / "jsonresume" / "sample.resume.json"


class OfficialSample(unittest.TestCase):
    def setUp(self):
        if not SAMPLE.exists():
            if "VITAE_CORPUS" in os.environ:
                self.fail(f"VITAE_CORPUS is set but {SAMPLE} is missing")
            self.skipTest(f"no corpus at {CORPUS}")
        self.jr = json.loads(SAMPLE.read_text(encoding="utf-8"))
        self.t = mapping.truth(self.jr)

    def test_basics(self):
        self.assertEqual(self.t["basics"], {"name": "Richard Hendriks", "email": "richard.hendriks@mail.com"})

    def test_work(self):
        self.assertEqual(self.t["work"][0], {
            "organization": "Pied Piper", "position": "CEO/President",
            "start": "2013-12-01", "end": "2014-12-01",
        })

    def test_education(self):
        self.assertEqual(self.t["education"][0], {
            "institution": "University of Oklahoma", "degree": "Bachelor",
            "field": "Information Technology", "start": "2011-06-01", "end": "2014-01-01",
        })

    def test_publications_skills_languages(self):
        self.assertEqual(self.t["publications"][0], {"title": "Video compression for 3d media", "year": 2014})
        self.assertEqual(self.t["skills"][0], {"name": "Web Development", "keywords": ["HTML", "CSS", "Javascript"]})
        self.assertEqual(self.t["languages"][0]["language"], "English")

    def test_rendercv_document(self):
        cv = mapping.rendercv(self.jr)["cv"]
        self.assertEqual(cv["name"], "Richard Hendriks")
        exp = cv["sections"]["Experience"][0]
        self.assertEqual(exp, {"company": "Pied Piper", "position": "CEO/President",
                               "start_date": "2013-12", "end_date": "2014-12"})
        edu = cv["sections"]["Education"][0]
        self.assertEqual(edu["degree"], "Bachelor")
        self.assertEqual(edu["area"], "Information Technology")
        # A year is an integer, so RenderCV prints no invented month.
        self.assertEqual(cv["sections"]["Publications"][0]["date"], 2014)


class Mapping(unittest.TestCase):
    def test_old_schema_company_and_open_end(self):
        t = mapping.truth({"work": [{"company": "Acme", "position": "Dev", "startDate": "2020-03"}]})
        self.assertEqual(t["work"][0], {"organization": "Acme", "position": "Dev", "start": "2020-03", "end": "present"})

    def test_dates(self):
        self.assertEqual(mapping.date("2019"), "2019")
        self.assertEqual(mapping.date("2019-5"), "2019-05")
        self.assertEqual(mapping.date("2019-05-02T00:00:00Z"), "2019-05-02")
        self.assertEqual(mapping.date("May 2019"), "2019-05")
        self.assertEqual(mapping.date("Present"), "present")
        self.assertIsNone(mapping.date("sometime"))
        self.assertIsNone(mapping.date(""))

    def test_odd_values_do_not_raise(self):
        t = mapping.truth({"basics": None, "work": [None, {"name": 3}], "skills": [{"keywords": None}]})
        self.assertEqual(t["work"][1]["organization"], "3")
        self.assertEqual(t["skills"][0]["keywords"], [])


class Printed(unittest.TestCase):
    def test_text_ignores_case_spacing_and_punctuation(self):
        page = mapping.norm("PIED  PIPER, Inc.\nCEO / President")
        self.assertTrue(mapping.printed("Pied Piper", page))
        self.assertTrue(mapping.printed("CEO/President", page))
        self.assertFalse(mapping.printed("Hooli", page))

    def test_date_precision(self):
        self.assertEqual(mapping.printed_precision("2013-12-01", "dec 2013 – dec 2014"), "month")
        self.assertEqual(mapping.printed_precision("2013-12-01", "12/2013 - 12/2014"), "month")
        self.assertEqual(mapping.printed_precision("2013-12-01", "2013 – 2014"), "year")
        self.assertIsNone(mapping.printed_precision("2013-12-01", "no dates here"))
        self.assertEqual(mapping.printed_precision("present", "2013 – present"), "present")
        self.assertIsNone(mapping.printed_precision("present", "2013 –"))


if __name__ == "__main__":
    unittest.main()

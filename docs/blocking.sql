-- Contradiction candidate blocking in SQL, over the tables that
-- `factcheck export --format parquet -o tables` writes.
--
--   factcheck export --format parquet -o tables
--   duckdb -c ".read docs/blocking.sql"          # or duckdb.sql(open(...).read()) in Python
--
-- Comparing every claim with every other is 10^10 pairs at 10^5 claims and
-- 10^16 at 10^8.  Blocking keeps only pairs that share enough *rare* topic
-- tokens (character bigrams of Japanese text, words of English text): each
-- token is joined only with the claims that hold it, and tokens held by more
-- than `max_df` claims (particles, "report", "said") are dropped, so the
-- self-join stays near-linear.  The same statement is what Spark SQL runs
-- over the same Parquet files on a cluster (a shuffle on `token`, then one on
-- the pair); the pairs it returns are what the detector then judges
-- (dates, quantities, negation), one pair at a time, in parallel.
--
-- Output: one row per candidate pair (a < b, different documents, not
-- already joined by a relation), with the tokens they share and whether
-- they mention the same unit with another value, or dates with none in common.

CREATE OR REPLACE TEMP VIEW claims AS FROM 'tables/claims.parquet';
CREATE OR REPLACE TEMP VIEW tokens AS FROM 'tables/tokens.parquet';
CREATE OR REPLACE TEMP VIEW relations AS FROM 'tables/relations.parquet';
CREATE OR REPLACE TEMP VIEW quantities AS FROM 'tables/quantities.parquet';
CREATE OR REPLACE TEMP VIEW dates AS FROM 'tables/dates.parquet';

WITH params AS (SELECT 200 AS max_df, 3 AS min_shared, 0.5 AS min_overlap),
df AS (
    SELECT token, count(*) AS n FROM tokens GROUP BY token
),
keys AS (
    SELECT t.claim, t.token
    FROM tokens t JOIN df USING (token), params
    WHERE df.n BETWEEN 2 AND params.max_df
),
sizes AS (
    SELECT claim, count(*) AS n FROM keys GROUP BY claim
),
shared AS (
    SELECT a.claim AS a, b.claim AS b, count(*) AS shared
    FROM keys a JOIN keys b ON a.token = b.token AND a.claim < b.claim
    GROUP BY a.claim, b.claim
),
related AS (  -- pairs already joined, in either direction
    SELECT DISTINCT least(claim, target) AS a, greatest(claim, target) AS b FROM relations
),
pairs AS (
    SELECT s.a, s.b, s.shared, s.shared / least(sa.n, sb.n) AS overlap
    FROM shared s
    JOIN sizes sa ON sa.claim = s.a
    JOIN sizes sb ON sb.claim = s.b
    JOIN claims ca ON ca.id = s.a
    JOIN claims cb ON cb.id = s.b
    LEFT JOIN related r ON r.a = s.a AND r.b = s.b, params
    WHERE r.a IS NULL
      AND ca.document <> cb.document
      AND s.shared >= params.min_shared
      AND s.shared >= params.min_overlap * least(sa.n, sb.n)
),
quantity AS (  -- the same unit with another value
    SELECT p.a, p.b, bool_or(qa.value IS DISTINCT FROM qb.value) AS differs
    FROM pairs p
    JOIN quantities qa ON qa.claim = p.a
    JOIN quantities qb ON qb.claim = p.b AND qb.unit = qa.unit
    GROUP BY p.a, p.b
),
dated AS (  -- both dated, no date in common
    SELECT p.a, p.b, bool_and(da.value <> db.value) AS differs
    FROM pairs p
    JOIN dates da ON da.claim = p.a
    JOIN dates db ON db.claim = p.b
    GROUP BY p.a, p.b
)
SELECT
    p.a, p.b, p.shared, round(p.overlap, 3) AS overlap,
    coalesce(q.differs, false) AS quantity_differs,
    coalesce(d.differs, false) AS date_differs
FROM pairs p
LEFT JOIN quantity q ON q.a = p.a AND q.b = p.b
LEFT JOIN dated d ON d.a = p.a AND d.b = p.b
ORDER BY p.overlap DESC, p.shared DESC, p.a, p.b;

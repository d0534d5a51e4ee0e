"""Dask: a Parquet dataset evaluated partition by partition on a two-worker cluster equals the single-process run."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import dask.dataframe as dd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from distributed import Client, LocalCluster

import fighterlaw as fl
from fighterlaw import tables
from fighterlaw.cli import main

ON = date(2026, 6, 1)
EXAMPLES = Path(__file__).parent.parent / "examples" / "people.jsonl"


@pytest.fixture(scope="module")
def cluster():
    """Two workers in this process (threads: process workers take seconds each to start on a shared machine)."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as local:
        yield local


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example records, many times over with one bad record in each copy, as a dataset of four files."""
    records = [json.loads(line) for line in EXAMPLES.read_text().splitlines()]
    folder = tmp_path_factory.mktemp("people")
    for part in range(4):
        rows = [{**record, "id": f"{part}-{record['id']}"} for record in records]
        rows.insert(part, {"id": f"{part}-bad", "citizenship": "martian"})
        pq.write_table(tables.records_table(rows), folder / f"part-{part}.parquet")
    return folder


def _single_process(folder: Path) -> pa.Table:
    return fl.evaluate_table(pq.read_table(folder), as_of=ON)


def test_a_dask_dataframe_evaluated_on_two_workers_equals_the_single_process_run(cluster, dataset):
    """map_partitions with the partition function and its meta: the same rows, in the same order."""
    with Client(cluster) as client:
        assert len(client.nthreads()) == 2
        frame = dd.read_parquet(dataset, dtype_backend="pyarrow")
        answers = frame.map_partitions(tables.evaluate_partition, as_of=ON, meta=tables.meta()).compute()
    found = pa.Table.from_pandas(answers, schema=tables.schema(), preserve_index=False)
    assert found.to_pylist() == _single_process(dataset).to_pylist()


def test_check_on_a_dask_cluster_writes_what_a_single_process_writes(cluster, dataset, tmp_path, capsys):
    """fighterlaw check --dask ADDRESS: every row, in order, the bad ones included; exit 1 for them."""
    out = tmp_path / "answers.parquet"
    args = ["check", str(dataset), "--as-of", "2026-06-01", "--format", "parquet", "--output", str(out)]
    assert main([*args, "--dask", cluster.scheduler_address]) == 1
    assert "68 records read, 64 reports, 4 errors" in capsys.readouterr().err
    assert pq.read_table(out).to_pylist() == _single_process(dataset).to_pylist()


def test_dask_reads_a_path_not_standard_input(cluster, capsys):
    """Standard input is not a dataset: a usage error."""
    args = ["check", "-", "--format", "parquet", "--output", "x.parquet", "--dask", cluster.scheduler_address]
    assert main(args) == 2
    assert "not standard input" in capsys.readouterr().err


def test_a_dataset_dask_cannot_read_is_a_usage_error(cluster, tmp_path, capsys):
    """A path with no Parquet dataset: nothing is evaluated, exit 2, and the message says what could not be read."""
    missing = tmp_path / "nothing-here"
    args = ["check", str(missing), "--format", "parquet", "--output", str(tmp_path / "x.parquet")]
    assert main([*args, "--dask", cluster.scheduler_address]) == 2
    assert f"cannot read {missing} as a Parquet dataset" in capsys.readouterr().err

using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Telemetry;

namespace Carmen.Silo.Storage.History;

/// <summary>
/// Answers a history query from a series' chunks, fed hour by hour (and within an hour in the order they were
/// written): every hour's points are merged, a timestamp held by two chunks takes the later chunk's value, and what
/// lies in [From, To) is kept raw (oldest first, up to Limit) or folded into buckets of Interval starting at From
/// (Count counts every point, the other aggregates the numbers and booleans).
/// </summary>
internal sealed class HistoryChunkReader(HistoryQuery query)
{
    private readonly List<HistoryPoint> _hour = [];
    private readonly List<HistoryPoint> _result = [];
    private long _currentHour = long.MinValue;
    private Aggregate _aggregate = new() { Bucket = long.MinValue };

    private bool IsRaw => query.Aggregation == TelemetryAggregation.None;

    /// <summary>The chunk's points join the answer; false when a raw read already has its limit from earlier hours (read no further).</summary>
    public bool Add(long bucket, ReadOnlySpan<byte> data)
    {
        if (bucket != _currentHour)
        {
            CloseHour();
            if (IsRaw && _result.Count >= query.Limit)
            {
                return false;
            }

            _currentHour = bucket;
        }

        TelemetryChunkCodec.Decode(data, _hour);
        return true;
    }

    public IReadOnlyList<HistoryPoint> Finish()
    {
        CloseHour();
        if (!IsRaw && _aggregate.Has(query.Aggregation))
        {
            _result.Add(_aggregate.Result(query.Aggregation));
        }

        return _result.Count > query.Limit ? _result.GetRange(0, query.Limit) : _result;
    }

    private void CloseHour()
    {
        if (_hour.Count == 0)
        {
            return;
        }

        foreach (HistoryPoint point in Merged(_hour))
        {
            if (point.Timestamp >= query.From && point.Timestamp < query.To)
            {
                if (IsRaw)
                {
                    _result.Add(point);
                }
                else
                {
                    Fold(point);
                }
            }
        }

        _hour.Clear();
    }

    /// <summary>
    /// The hour's points in time order, one per timestamp. One chunk is already in order; several (a series written
    /// by more than one flush within the hour) are merged with a stable sort, so of equal timestamps the point of the
    /// later chunk comes last and is the one kept.
    /// </summary>
    private static IEnumerable<HistoryPoint> Merged(List<HistoryPoint> points)
    {
        IEnumerable<HistoryPoint> ordered = IsOrdered(points) ? points : points.OrderBy(point => point.Timestamp);
        HistoryPoint? pending = null;
        foreach (HistoryPoint point in ordered)
        {
            if (pending is { } held && held.Timestamp != point.Timestamp)
            {
                yield return held;
            }

            pending = point;
        }

        if (pending is { } last)
        {
            yield return last;
        }
    }

    private static bool IsOrdered(List<HistoryPoint> points)
    {
        for (int i = 1; i < points.Count; i++)
        {
            if (points[i].Timestamp <= points[i - 1].Timestamp)
            {
                return false;
            }
        }

        return true;
    }

    private void Fold(HistoryPoint point)
    {
        long bucket = query.From + ((point.Timestamp - query.From) / Math.Max(1, query.Interval)) * Math.Max(1, query.Interval);
        if (bucket != _aggregate.Bucket)
        {
            if (_aggregate.Has(query.Aggregation))
            {
                _result.Add(_aggregate.Result(query.Aggregation));
            }

            _aggregate = new Aggregate { Bucket = bucket, Min = double.MaxValue, Max = double.MinValue };
        }

        _aggregate.Points++;
        if (point.Value.Kind is TelemetryValueKind.Number or TelemetryValueKind.Boolean)
        {
            _aggregate.Numbers++;
            _aggregate.Sum += point.Value.Number;
            _aggregate.Min = Math.Min(_aggregate.Min, point.Value.Number);
            _aggregate.Max = Math.Max(_aggregate.Max, point.Value.Number);
        }
    }

    /// <summary>One bucket being folded: every point counts, the numbers (and booleans as 1 or 0) aggregate.</summary>
    private struct Aggregate
    {
        public long Bucket;
        public long Points;
        public long Numbers;
        public double Sum;
        public double Min;
        public double Max;

        public readonly bool Has(TelemetryAggregation aggregation) => aggregation == TelemetryAggregation.Count ? Points > 0 : Numbers > 0;

        public readonly HistoryPoint Result(TelemetryAggregation aggregation) => new(Bucket, TelemetryValue.FromNumber(aggregation switch
        {
            TelemetryAggregation.Avg => Sum / Numbers,
            TelemetryAggregation.Min => Min,
            TelemetryAggregation.Max => Max,
            TelemetryAggregation.Count => Points,
            _ => throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, "Raw reads are not aggregated."),
        }));
    }
}

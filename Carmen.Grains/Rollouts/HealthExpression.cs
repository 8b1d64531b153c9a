using System.Globalization;
using Carmen.Grains.Interfaces;

namespace Carmen.Grains.Rollouts;

/// <summary>
/// A health gate's condition over a device's latest numeric telemetry, such as <c>cpu &lt; 90 and (temp &lt;= 80 or fan == 1)</c>:
/// comparisons (&lt; &lt;= &gt; &gt;= == !=) of a key with a number, combined with and / or / not (also &amp;&amp; || !)
/// and parentheses. A key the device has not sent yet leaves its comparison undecided, so only values actually seen
/// can fail a device.
/// </summary>
public sealed class HealthExpression
{
    /// <summary>The longest expression accepted, in characters.</summary>
    public const int MaxLength = 2_000;

    /// <summary>How deep parentheses and negations may nest: the parser and the evaluation recurse that deep.</summary>
    public const int MaxDepth = 32;

    /// <summary>How many comparisons one expression may hold: an and/or chain is a tree as deep as it is long.</summary>
    public const int MaxComparisons = 100;

    private readonly Node _root;

    private HealthExpression(string text, Node root) => (Text, _root) = (text, root);

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>Parses the expression; a validation error on <paramref name="field"/> gives the position of the first fault.</summary>
    public static HealthExpression Parse(string? text, string field = "healthGate.expression")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw CarmenException.Invalid(field, "The health expression is empty.");
        }

        if (text.Length > MaxLength)
        {
            throw CarmenException.Invalid(field, $"A health expression has at most {MaxLength} characters; this one has {text.Length}.");
        }

        var parser = new Parser(text, field);
        Node root = parser.ParseAll();
        return new HealthExpression(text, root);
    }

    /// <summary>True or false when decided; null while a key it needs has no numeric value.</summary>
    public bool? Evaluate(Func<string, double?> value) => _root.Evaluate(value);

    /// <summary>The comparisons that are false now, as "key = value (key op limit)", for the failure's detail.</summary>
    public string Explain(Func<string, double?> value) => string.Join("; ", _root.Failing(value));

    private abstract record Node
    {
        public abstract bool? Evaluate(Func<string, double?> value);

        public abstract IEnumerable<string> Failing(Func<string, double?> value);
    }

    private sealed record Comparison(string Key, string Operator, double Limit) : Node
    {
        public override bool? Evaluate(Func<string, double?> value) => value(Key) is double actual
            ? Operator switch
            {
                "<" => actual < Limit,
                "<=" => actual <= Limit,
                ">" => actual > Limit,
                ">=" => actual >= Limit,
                "==" => actual == Limit,
                _ => actual != Limit,
            }
            : null;

        public override IEnumerable<string> Failing(Func<string, double?> value) => Evaluate(value) == false
            ? [string.Create(CultureInfo.InvariantCulture, $"{Key} = {value(Key)} ({Key} {Operator} {Limit})")]
            : [];
    }

    private sealed record Not(Node Operand) : Node
    {
        public override bool? Evaluate(Func<string, double?> value) => !Operand.Evaluate(value);

        public override IEnumerable<string> Failing(Func<string, double?> value) => Evaluate(value) == false ? ["not (...)"] : [];
    }

    private sealed record All(Node Left, Node Right) : Node
    {
        // Kleene logic: false wins over undecided, so one bad value fails the gate even while another key is missing.
        public override bool? Evaluate(Func<string, double?> value) => (Left.Evaluate(value), Right.Evaluate(value)) switch
        {
            (false, _) or (_, false) => false,
            (true, true) => true,
            _ => null,
        };

        public override IEnumerable<string> Failing(Func<string, double?> value) => Left.Failing(value).Concat(Right.Failing(value));
    }

    private sealed record Any(Node Left, Node Right) : Node
    {
        public override bool? Evaluate(Func<string, double?> value) => (Left.Evaluate(value), Right.Evaluate(value)) switch
        {
            (true, _) or (_, true) => true,
            (false, false) => false,
            _ => null,
        };

        public override IEnumerable<string> Failing(Func<string, double?> value) =>
            Evaluate(value) == false ? Left.Failing(value).Concat(Right.Failing(value)) : [];
    }

    private sealed class Parser(string text, string field)
    {
        private int _position;
        private int _depth;
        private int _comparisons;

        public Node ParseAll()
        {
            Node node = ParseOr();
            SkipSpace();
            return _position == text.Length ? node : throw Fault($"unexpected '{text[_position]}'");
        }

        private Node ParseOr()
        {
            Node node = ParseAnd();
            while (Accept("||") || AcceptWord("or"))
            {
                node = new Any(node, ParseAnd());
            }

            return node;
        }

        private Node ParseAnd()
        {
            Node node = ParseUnary();
            while (Accept("&&") || AcceptWord("and"))
            {
                node = new All(node, ParseUnary());
            }

            return node;
        }

        private Node ParseUnary()
        {
            if (AcceptWord("not") || (!Peek("!=") && Accept("!")))
            {
                return new Not(Nested(ParseUnary));
            }

            if (Accept("("))
            {
                Node inner = Nested(ParseOr);
                return Accept(")") ? inner : throw Fault("expected ')'");
            }

            if (++_comparisons > MaxComparisons)
            {
                throw Fault($"more than {MaxComparisons} comparisons");
            }

            string key = ReadKey();
            string op = ReadOperator();
            return new Comparison(key, op, ReadNumber());
        }

        /// <summary>One level deeper, refused past <see cref="MaxDepth"/> before the recursion can exhaust the stack.</summary>
        private Node Nested(Func<Node> parse)
        {
            if (++_depth > MaxDepth)
            {
                throw Fault($"nested more than {MaxDepth} deep");
            }

            Node node = parse();
            _depth--;
            return node;
        }

        private string ReadKey()
        {
            SkipSpace();
            int start = _position;
            while (_position < text.Length && (char.IsLetterOrDigit(text[_position]) || text[_position] is '_' or '.' or '/' or '-'))
            {
                _position++;
            }

            return _position > start && !char.IsDigit(text[start]) ? text[start.._position] : throw Fault("expected a telemetry key", start);
        }

        private string ReadOperator()
        {
            foreach (string op in (string[])["<=", ">=", "==", "!=", "<", ">"])
            {
                if (Accept(op))
                {
                    return op;
                }
            }

            throw Fault("expected one of < <= > >= == !=");
        }

        private double ReadNumber()
        {
            SkipSpace();
            int start = _position;
            while (_position < text.Length && (char.IsDigit(text[_position]) || text[_position] is '.' or '-' or '+' or 'e' or 'E'))
            {
                _position++;
            }

            return double.TryParse(text.AsSpan(start, _position - start), NumberStyles.Float, CultureInfo.InvariantCulture, out double number)
                && double.IsFinite(number)
                ? number
                : throw Fault("expected a finite number", start);
        }

        private bool Peek(string token)
        {
            SkipSpace();
            return text.AsSpan(_position).StartsWith(token, StringComparison.Ordinal);
        }

        private bool Accept(string token)
        {
            if (!Peek(token))
            {
                return false;
            }

            _position += token.Length;
            return true;
        }

        private bool AcceptWord(string word)
        {
            SkipSpace();
            int end = _position + word.Length;
            if (!text.AsSpan(_position).StartsWith(word, StringComparison.OrdinalIgnoreCase)
                || (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_')))
            {
                return false;
            }

            _position = end;
            return true;
        }

        private void SkipSpace()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }

        private CarmenException Fault(string problem, int? at = null)
        {
            int position = at ?? _position;
            return CarmenException.Invalid(field, $"Health expression: {(position >= text.Length ? $"unexpected end ({problem})" : problem)} at position {position + 1}.");
        }
    }
}

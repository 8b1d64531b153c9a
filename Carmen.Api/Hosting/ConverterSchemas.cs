using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Carmen.Api.Hosting;

/// <summary>
/// The OpenAPI schema of strings and doubles, which pass through Carmen's own converters (<see cref="SafeStringConverter"/>,
/// <see cref="FiniteDoubleConverter"/>): the document generator cannot see through a custom converter and would
/// describe them as any value, so the document would no longer say what the API takes.
/// </summary>
internal static class ConverterSchemas
{
    public static Task DescribeAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        Type type = context.JsonTypeInfo.Type;
        bool nullable = context.JsonPropertyInfo?.IsSetNullable == true || Nullable.GetUnderlyingType(type) is not null;
        if (schema.Type is null && type == typeof(string))
        {
            schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        }
        else if (schema.Type is null && (Nullable.GetUnderlyingType(type) ?? type) == typeof(double))
        {
            schema.Type = nullable ? JsonSchemaType.Number | JsonSchemaType.Null : JsonSchemaType.Number;
            schema.Format = "double";
        }

        return Task.CompletedTask;
    }
}

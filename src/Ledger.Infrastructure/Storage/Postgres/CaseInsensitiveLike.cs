using System.Reflection;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ledger.Infrastructure.Storage.Postgres;

/// <summary>
/// <c>EF.Functions.Like</c> ignores case on PostgreSQL as SQLite's LIKE does, so a search finds the same
/// accounts on either engine: it becomes <c>lower(x) LIKE lower(pattern)</c>. Added to the PostgreSQL
/// context only; the queries above the engines stay as they are.
/// </summary>
internal sealed class CaseInsensitiveLike : IDbContextOptionsExtension
{
    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services) => services.AddScoped<IMethodCallTranslatorPlugin, Plugin>();

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class Plugin(ISqlExpressionFactory sql) : IMethodCallTranslatorPlugin
    {
        public IEnumerable<IMethodCallTranslator> Translators { get; } = [new Translator(sql)];
    }

    private sealed class Translator(ISqlExpressionFactory sql) : IMethodCallTranslator
    {
        private static readonly MethodInfo Like = typeof(DbFunctionsExtensions).GetMethod(
            nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string)])!;

        private static readonly MethodInfo LikeWithEscape = typeof(DbFunctionsExtensions).GetMethod(
            nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

        public SqlExpression? Translate(
            SqlExpression? instance, MethodInfo method, IReadOnlyList<SqlExpression> arguments, IDiagnosticsLogger<DbLoggerCategory.Query> logger)
        {
            if (method != Like && method != LikeWithEscape)
            {
                return null;
            }

            var mapping = Microsoft.EntityFrameworkCore.Query.ExpressionExtensions.InferTypeMapping(arguments[1], arguments[2]);
            var escape = method == LikeWithEscape ? sql.ApplyTypeMapping(arguments[3], mapping) : null;
            return sql.Like(Lower(arguments[1], mapping), Lower(arguments[2], mapping), escape);
        }

        private SqlExpression Lower(SqlExpression value, RelationalTypeMapping? mapping) =>
            sql.Function("lower", [sql.ApplyTypeMapping(value, mapping)], nullable: true, argumentsPropagateNullability: [true], typeof(string), mapping);
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "CaseInsensitiveLike ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["Ledger:CaseInsensitiveLike"] = "1";
    }
}

using System.Reflection;
using FleetKeys.Api.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace FleetKeys.Api.Binding;

/// <summary>A record of query-string arguments that reads itself, checking each (see <see cref="QueryArguments"/>).</summary>
public interface IQuery<out TSelf>
{
    static abstract TSelf Read(QueryArguments query);
}

/// <summary>
/// Query-string arguments as one typed record, bound like a <see cref="Body{T}"/>: binding never fails, and a bad
/// argument is a problem naming it that <see cref="RequestChecks"/> answers before the handler runs — so a handler
/// sees only arguments that passed, or their defaults. Records compose: a list takes a <see cref="PageQuery"/> beside
/// its own filters. It describes itself to OpenAPI by the arguments it reads.
/// </summary>
public abstract record Query<TSelf> : IRequestCheck, IEndpointParameterMetadataProvider where TSelf : Query<TSelf>, IQuery<TSelf>
{
    private QueryArguments? _arguments;

    public IResult? Problem() => _arguments?.Problem();

    public static ValueTask<TSelf> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var arguments = QueryArguments.Of(context);
        var query = TSelf.Read(arguments);
        ((Query<TSelf>)query)._arguments = arguments;
        return ValueTask.FromResult(query);
    }

    /// <summary>The arguments are found by reading a request that has none, so they are named once, where they are read.</summary>
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        var arguments = QueryArguments.Of(new DefaultHttpContext { RequestServices = builder.ApplicationServices });
        TSelf.Read(arguments);
        builder.Metadata.Add(arguments.Names);
    }
}

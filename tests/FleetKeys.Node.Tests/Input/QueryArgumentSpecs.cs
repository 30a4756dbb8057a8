using FleetKeys.Api.Binding;
using FleetKeys.Api.Endpoints;
using FleetKeys.Domain.People;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Node.Tests.Input;

/// <summary>
/// Query-string arguments bind as typed records that never fail binding: a bad argument is a problem naming it (which
/// the request checks answer before the handler runs), a missing one takes its default. In-process, on a bare request;
/// <see cref="PagingSpecs{TDatabase}"/> and ReadSideApiSpecs send the same over HTTP to every route.
/// </summary>
public sealed class QueryArgumentSpecs
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private static HttpContext Request(string query) => new DefaultHttpContext
    {
        Request = { QueryString = new QueryString(query) },
        RequestServices = new ServiceCollection().AddSingleton<TimeProvider>(new FakeTimeProvider(Now)).BuildServiceProvider(),
    };

    private static async Task<T> Bound<T>(string query) where T : Query<T>, IQuery<T> => await Query<T>.BindAsync(Request(query), null!);

    private static async Task<T> Passed<T>(string query) where T : Query<T>, IQuery<T>
    {
        var bound = await Bound<T>(query);
        Assert.Null(bound.Problem());
        return bound;
    }

    /// <summary>What the problem of a request with <paramref name="query"/> says of <paramref name="field"/>.</summary>
    private static async Task<string[]> Refused<T>(string query, string field) where T : Query<T>, IQuery<T> => Errors(await Bound<T>(query))[field];

    /// <summary>Each field the problem names, with its message.</summary>
    private static IDictionary<string, string[]> Errors(IRequestCheck check)
    {
        var problem = Assert.IsType<ProblemHttpResult>(check.Problem());
        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        return Assert.IsType<HttpValidationProblemDetails>(problem.ProblemDetails).Errors;
    }

    [Theory]
    [InlineData("?page=0", "page", "must be a whole number from 1 to 4294967")]
    [InlineData("?page=x", "page", "must be a whole number from 1 to 4294967")]
    [InlineData("?pageSize=501", "pageSize", "must be a whole number from 1 to 500")]
    public async Task A_page_out_of_bounds_is_a_problem_naming_it(string query, string field, string message)
    {
        Assert.Equal([message], await Refused<PageQuery>(query, field));
    }

    [Fact]
    public async Task Without_page_arguments_a_list_is_its_first_page_of_fifty()
    {
        var page = await Passed<PageQuery>("");

        Assert.Equal((1, 50), (page.Paging.Page, page.Paging.PageSize));
    }

    [Fact]
    public async Task A_choice_that_is_not_one_is_a_problem_naming_it_and_the_choices()
    {
        Assert.Equal(["must be one of active, suspended, terminated"], await Refused<PeopleQuery>("?status=retired", "status"));
    }

    [Fact]
    public async Task A_choice_is_read_in_camel_case_or_any_case_and_a_missing_one_is_none()
    {
        Assert.Equal(PersonStatus.Suspended, (await Passed<PeopleQuery>("?status=suspended")).Status);
        Assert.Equal(PersonStatus.Terminated, (await Passed<PeopleQuery>("?status=TERMINATED")).Status);
        Assert.Null((await Passed<PeopleQuery>("")).Status);
    }

    [Theory]
    [InlineData("?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")]
    [InlineData("?from=2026-02-01T00:00:00Z&to=2026-02-01T00:00:00Z")]
    public async Task A_period_whose_to_is_not_after_its_from_is_a_problem_naming_to(string query)
    {
        Assert.Equal(["must be after from"], await Refused<HistoryQuery>(query, "to"));
    }

    [Fact]
    public async Task A_report_from_after_the_default_to_is_a_problem_naming_to()
    {
        Assert.Equal(["must be after from"], await Refused<ReportPeriodQuery>("?from=2026-06-02T08:00:00Z", "to"));
    }

    [Fact]
    public async Task A_report_without_a_period_covers_the_last_thirty_days()
    {
        var report = await Passed<ReportPeriodQuery>("");

        Assert.Equal((Now.AddDays(-30), Now), (report.From, report.To));
    }

    [Fact]
    public async Task Every_bad_argument_of_a_request_is_named_whichever_record_reads_it()
    {
        var request = Request("?status=lost&page=0");
        var keys = await KeysQuery.BindAsync(request, null!);
        var page = await PageQuery.BindAsync(request, null!);

        Assert.Equal(["page", "status"], Errors(keys).Keys.Order());
        Assert.Equal(["page", "status"], Errors(page).Keys.Order());
    }
}

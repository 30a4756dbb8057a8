using FleetKeys.Cluster.Projections.Rows;

namespace FleetKeys.Console.Tests;

/// <summary>What a key's history table says of a change beyond its kind, person and times.</summary>
public sealed class HistoryNoteSpecs
{
    [Fact]
    public void A_handover_names_whom_the_key_came_from_and_the_operator_who_gave_it_and_why()
    {
        var handed = new CustodyHistoryRow { Kind = "handedOver", PersonId = "bob", HandedFrom = "alice", ReleasedBy = "ops", Reason = "shift change" };

        Assert.Equal("handed from alice; released by ops: shift change", HistoryNote.Of(handed));
    }

    [Fact]
    public void A_reason_and_the_return_answers_read_with_who_answered_and_a_question_not_asked_is_left_out()
    {
        var reason = new CustodyHistoryRow { Kind = "takeReasonGiven", PersonId = "alice", Reason = "Service" };
        var answers = new CustodyHistoryRow { Kind = "returnQuestionsAnswered", PersonId = "alice", OdometerKm = 12730, Damaged = true, AnsweredBy = "ops" };

        Assert.Equal("reason: Service", HistoryNote.Of(reason));
        Assert.Equal("odometer 12730 km; damaged; answered by ops", HistoryNote.Of(answers));
        Assert.Equal("", HistoryNote.Of(new CustodyHistoryRow { Kind = "taken", PersonId = "alice" }));
    }
}

using System.Linq.Expressions;
using LinqToDB;
using LinqToDB.Data;

namespace FleetKeys.Scim.Store;

public static class Revisions
{
    /// <summary>
    /// Marks users whose person must be brought in line (a membership or a mapping changed), in the transaction that
    /// made the change: if the node dies before the person is updated, the mark stays and the sweep finishes the job.
    /// </summary>
    public static Task<int> Touch(DataConnection db, Expression<Func<ScimUserRow, bool>> users) =>
        db.GetTable<ScimUserRow>().Where(users)
            .Set(u => u.Revision, u => u.Revision + 1)
            .Set(u => u.Pending, true)
            .UpdateAsync();
}

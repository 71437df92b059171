<#-- reminder.unpaid (en), plain text; also sets the subject; written by the unpaid-fee reminder job -->
<#import "/text.ftl" as t>
<#assign subject>Payment reminder: ${(course.name)!""}</#assign>
<@t.hello/>

The course fee for your seat in the course <@t.coursePhrase c=course!{}/> has not been paid in full yet.

<@t.feeLine/>
<#if (amountPaidCents!0) gt 0 && paid??>Already paid: ${paid}</#if>
<#if open??>Still open: ${open}</#if>

Please pay the open amount. If you have paid in the last few days, your payment may not have been booked yet; in that case, please disregard this reminder.

<@t.statusLink/>

<@t.signoffLink/>

<@t.footer/>

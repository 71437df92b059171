<#-- waiting.offer-expired (en), plain text; also sets the subject -->
<#import "/text.ftl" as t>
<#assign subject>Seat offer expired: ${(course.name)!""}</#assign>
<@t.hello/>

A seat in the course <@t.coursePhrase c=course!{}/> was reserved for you, but the offer was not accepted in time<#if offerExpires??> (by ${offerExpires})</#if>. The seat therefore goes to the next person on the waiting list, and your signup for this course has ended.

If you would still like to take part, you can sign up again while signup for the course is open.

<@t.statusLink/>

<@t.footer/>
